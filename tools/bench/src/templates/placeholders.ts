import { TemplateShapeError } from '../errors';
import type { SynthesizedStack } from './assembly';

/** The account the placeholders use (AWS's documentation account). */
export const PLACEHOLDER_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';

const serviceOf = (type: string): string => type.split('::')[1]?.toLowerCase() ?? 'unknown';

/** What `Ref` returns for a resource type: an ARN, a URL or a name (per the CloudFormation reference). */
function refOf(stack: SynthesizedStack, logicalId: string): string {
  const resource = stack.template.Resources[logicalId];
  if (!resource) throw new TemplateShapeError(`${stack.stackName}: Ref to ${logicalId}, which the template does not define`);
  const region = stack.region ?? DEFAULT_REGION;
  switch (resource.Type) {
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${region}:${PLACEHOLDER_ACCOUNT}:${logicalId}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${region}:${PLACEHOLDER_ACCOUNT}:stateMachine:${logicalId}`;
    case 'AWS::SQS::Queue':
      return `https://sqs.${region}.amazonaws.com/${PLACEHOLDER_ACCOUNT}/${logicalId}`;
    case 'AWS::S3::Bucket':
      return logicalId.toLowerCase();
    default:
      return logicalId;
  }
}

function getAttOf(stack: SynthesizedStack, logicalId: string, attribute: string): string {
  const resource = stack.template.Resources[logicalId];
  if (!resource) throw new TemplateShapeError(`${stack.stackName}: Fn::GetAtt of ${logicalId}, which the template does not define`);
  if (attribute === 'Arn') return `arn:aws:${serviceOf(resource.Type)}:${stack.region ?? DEFAULT_REGION}:${PLACEHOLDER_ACCOUNT}:${logicalId}`;
  // Ids (bot ids, alias ids…) are short upper-case alphanumerics.
  return `${logicalId}${attribute}`.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 10);
}

function pseudo(stack: SynthesizedStack, name: string): string | undefined {
  const values: Record<string, string> = {
    'AWS::Region': stack.region ?? DEFAULT_REGION,
    'AWS::AccountId': PLACEHOLDER_ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stack.stackName,
  };
  return values[name];
}

/**
 * A plausible deployed value for a template value (an environment variable,
 * say): literals as they are, intrinsics resolved to placeholders of the right
 * form — ARNs, queue URLs, lower-case bucket names — so that code that checks
 * its configuration at init accepts them. Nothing is looked up.
 */
export function placeholderOf(stack: SynthesizedStack, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null) throw new TemplateShapeError(`${stack.stackName}: cannot resolve ${JSON.stringify(value)}`);
  const [fn, args] = Object.entries(value)[0] ?? [];
  switch (fn) {
    case 'Ref': {
      const name = String(args);
      return pseudo(stack, name) ?? refOf(stack, name);
    }
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(args) ? (args as string[]) : String(args).split('.');
      return getAttOf(stack, String(id), String(attribute));
    }
    case 'Fn::Join': {
      const [separator, parts] = args as [string, unknown[]];
      return parts.map((p) => placeholderOf(stack, p)).join(separator);
    }
    case 'Fn::Select': {
      const [index, list] = args as [number | string, unknown[]];
      return placeholderOf(stack, list[Number(index)]);
    }
    case 'Fn::Sub': {
      const [text, variables] = (Array.isArray(args) ? args : [args, {}]) as [string, Record<string, unknown>];
      return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
        if (name in variables) return placeholderOf(stack, variables[name]);
        if (name.includes('.')) {
          const [id, attribute] = name.split('.') as [string, string];
          return getAttOf(stack, id, attribute);
        }
        return pseudo(stack, name) ?? refOf(stack, name);
      });
    }
    default:
      throw new TemplateShapeError(`${stack.stackName}: intrinsic ${String(fn)} is not resolved by the bench`);
  }
}
