/**
 * A Lambda function's configuration, read from its `AWS::Lambda::Function`
 * resource (properties already resolved). Pure: no I/O besides what the caller passes.
 */
import { TemplateError } from '../../core/errors';
import type { ResolvedResource } from '../../core/service';

export type LogFormat = 'JSON' | 'Text';

export interface FunctionConfig {
  readonly stack: string;
  readonly logicalId: string;
  readonly path: string | undefined;
  readonly name: string;
  readonly arn: string;
  readonly description: string;
  /** `file.export` within the code folder. */
  readonly handler: string;
  readonly runtime: string;
  readonly architectures: readonly string[];
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** The template's environment variables (before the local overlay). */
  readonly environment: Readonly<Record<string, string>>;
  /** The folder holding the unzipped code (the asset folder). */
  readonly codeDir: string;
  readonly logGroupName: string;
  readonly logFormat: LogFormat;
  readonly applicationLogLevel: string | undefined;
  readonly systemLogLevel: string | undefined;
  /** Reserved concurrency; `undefined` when unreserved. */
  readonly reservedConcurrency: number | undefined;
  /** `DeadLetterConfig.TargetArn` (SQS or SNS) for failed asynchronous invocations. */
  readonly deadLetterTargetArn: string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined);

/** Lambda's runtimes the local cloud runs (Node.js; the process runs on the local Node version). */
const NODE_RUNTIME = /^nodejs\d+\.x$/;

export function functionConfig(
  r: ResolvedResource,
  env: { region: string; accountId: string; partition: string },
  inlineCodeDir: (name: string, code: string) => string,
): FunctionConfig {
  const p = r.properties;
  const name = str(p['FunctionName']) ?? r.physicalName({ maxLength: 64 });
  const runtime = str(p['Runtime']) ?? '';
  if (!NODE_RUNTIME.test(runtime)) {
    throw new TemplateError(r.stack, r.logicalId, `Runtime "${runtime || '(none: container image?)'}" is not supported locally; the local cloud runs Node.js functions`);
  }
  const handler = str(p['Handler']);
  if (!handler) throw new TemplateError(r.stack, r.logicalId, 'has no Handler');
  const code = (p['Code'] ?? {}) as Record<string, unknown>;
  let codeDir: string | undefined;
  if (typeof code['ZipFile'] === 'string') {
    codeDir = inlineCodeDir(name, code['ZipFile']);
  } else if (typeof code['S3Key'] === 'string') {
    codeDir = r.asset(code['S3Key']);
    if (!codeDir) {
      throw new TemplateError(r.stack, r.logicalId, `Code.S3Key ${code['S3Key']} is not an asset of the cloud assembly (the local cloud runs assets from cdk.out only)`);
    }
  } else {
    throw new TemplateError(r.stack, r.logicalId, 'Code must be an asset (S3Key) or inline (ZipFile); container images are not supported locally');
  }
  const logging = (p['LoggingConfig'] ?? {}) as Record<string, unknown>;
  const variables = ((p['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
  const environment: Record<string, string> = {};
  for (const [k, v] of Object.entries(variables)) environment[k] = typeof v === 'string' ? v : JSON.stringify(v);
  const dlq = (p['DeadLetterConfig'] as { TargetArn?: unknown } | undefined)?.TargetArn;
  return {
    stack: r.stack,
    logicalId: r.logicalId,
    path: r.path,
    name,
    arn: `arn:${env.partition}:lambda:${env.region}:${env.accountId}:function:${name}`,
    description: str(p['Description']) ?? '',
    handler,
    runtime,
    architectures: Array.isArray(p['Architectures']) ? (p['Architectures'] as string[]) : ['x86_64'],
    timeoutSeconds: num(p['Timeout']) ?? 3,
    memoryMb: num(p['MemorySize']) ?? 128,
    environment,
    codeDir,
    logGroupName: str(logging['LogGroup']) ?? `/aws/lambda/${name}`,
    logFormat: logging['LogFormat'] === 'JSON' ? 'JSON' : 'Text',
    applicationLogLevel: str(logging['ApplicationLogLevel']),
    systemLogLevel: str(logging['SystemLogLevel']),
    reservedConcurrency: num(p['ReservedConcurrentExecutions']),
    deadLetterTargetArn: str(dlq),
  };
}

/** The function name in any of the forms Invoke accepts: name, `name:qualifier`, partial or full ARN. */
export function parseFunctionName(input: string): { name: string; qualifier: string | undefined } {
  // arn:aws:lambda:region:account:function:name[:qualifier]
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::(.+))?$/.exec(input);
  if (arn) return { name: arn[1]!, qualifier: arn[2] };
  // account:function:name[:qualifier]
  const partial = /^\d{12}:function:([^:]+)(?::(.+))?$/.exec(input);
  if (partial) return { name: partial[1]!, qualifier: partial[2] };
  const [name, qualifier] = input.split(':');
  return { name: name!, qualifier };
}
