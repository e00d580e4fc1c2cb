import { join } from 'node:path';
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { TemplateShapeError } from '../errors';
import { resourcesOfType, type SynthesizedStack, type TemplateResource } from '../templates/assembly';
import { functionsOf } from '../templates/functions';
import { placeholderOf } from '../templates/placeholders';
import type { AslDefinition, DeliveryStreamNode, FunctionNode, RuleNode, StateMachineNode, TargetNode, Topology } from './topology';

type Json = Record<string, unknown>;

/** The logical id an intrinsic points at: `{Ref: X}` or `{Fn::GetAtt: [X, …]}`. */
function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Json;
  if (typeof v['Ref'] === 'string') return v['Ref'];
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** Every logical id referenced anywhere inside a value. */
function referencedIds(value: unknown, found: string[] = []): string[] {
  const id = referencedId(value);
  if (id) found.push(id);
  if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) referencedIds(v, found);
  return found;
}

const nodeId = (stack: SynthesizedStack, logicalId: string): string => `${stack.stackName}/${logicalId}`;

/** Detail-types a role may publish: the `events:detail-type` conditions of its policies' PutEvents statements. */
function publishGrants(stack: SynthesizedStack, roleId: string | undefined): string[] | undefined {
  if (!roleId) return undefined;
  let grants: string[] | undefined;
  for (const { resource } of resourcesOfType([stack], 'AWS::IAM::Policy')) {
    const roles = (resource.Properties?.['Roles'] as unknown[] | undefined) ?? [];
    if (!roles.some((r) => referencedId(r) === roleId)) continue;
    const statements = ((resource.Properties?.['PolicyDocument'] as Json | undefined)?.['Statement'] as Json[] | undefined) ?? [];
    for (const statement of statements) {
      if (![statement['Action']].flat().includes('events:PutEvents')) continue;
      const condition = (statement['Condition'] as Record<string, Json> | undefined)?.['ForAllValues:StringEquals'];
      const types = condition?.['events:detail-type'];
      if (!Array.isArray(types)) throw new TemplateShapeError(`${stack.stackName}: role ${roleId} may put any event (no events:detail-type condition)`);
      grants = [...(grants ?? []), ...types.map(String)];
    }
  }
  return grants;
}

function functionNodes(stacks: readonly SynthesizedStack[]): Record<string, FunctionNode> {
  const nodes: Record<string, FunctionNode> = {};
  for (const fn of functionsOf(stacks)) {
    const id = nodeId(fn.stack, fn.handlerFile);
    if (nodes[id]) throw new TemplateShapeError(`${id}: two functions run the same handler`);
    const roleId = referencedId(fn.stack.template.Resources[fn.logicalId]?.Properties?.['Role']);
    nodes[id] = {
      id,
      stack: fn.stack.stackName,
      handler: fn.handlerFile,
      memoryMb: fn.memoryMb,
      architecture: fn.architecture,
      mayPublish: publishGrants(fn.stack, roleId),
      bundle: fn.assetDir ? { path: join(fn.assetDir, `${fn.handlerFile}.js`), environment: fn.environment } : undefined,
    };
  }
  return nodes;
}

/** Function node id by the stack and logical id of its `AWS::Lambda::Function`. */
function functionIdOf(stack: SynthesizedStack, logicalId: string): string {
  const handler = stack.template.Resources[logicalId]?.Properties?.['Handler'];
  if (typeof handler !== 'string') throw new TemplateShapeError(`${stack.stackName}/${logicalId} is not a function with a handler`);
  return nodeId(stack, handler.slice(0, handler.lastIndexOf('.')));
}

function targetOf(stack: SynthesizedStack, arn: unknown, ruleId: string): TargetNode {
  for (const id of [referencedId(arn), ...referencedIds(arn)].filter((x): x is string => x !== undefined)) {
    const type = stack.template.Resources[id]?.Type;
    switch (type) {
      case 'AWS::Lambda::Function':
        return { kind: 'function', id: functionIdOf(stack, id) };
      case 'AWS::StepFunctions::StateMachine':
        return { kind: 'stateMachine', id: nodeId(stack, id) };
      case 'AWS::KinesisFirehose::DeliveryStream':
        return { kind: 'deliveryStream', id: nodeId(stack, id) };
      case 'AWS::SNS::Topic':
        return { kind: 'topic', id: nodeId(stack, id) };
      case 'AWS::Logs::LogGroup':
        return { kind: 'logGroup', id: nodeId(stack, id) };
      default:
        continue;
    }
  }
  throw new TemplateShapeError(`${ruleId}: target ${JSON.stringify(arn)} is of a kind the cost model does not price`);
}

const onPlumbingBus = (stack: SynthesizedStack, busName: unknown): boolean => {
  if (busName === PLUMBING_BUS_NAME) return true;
  const bus = stack.template.Resources[referencedId(busName) ?? ''];
  return bus?.Type === 'AWS::Events::EventBus' && bus.Properties?.['Name'] === PLUMBING_BUS_NAME;
};

function ruleNodes(stacks: readonly SynthesizedStack[]): RuleNode[] {
  const rules: RuleNode[] = resourcesOfType(stacks, 'AWS::Events::Rule')
    .filter(({ stack, resource }) => onPlumbingBus(stack, resource.Properties?.['EventBusName']) && resource.Properties?.['State'] !== 'DISABLED')
    .map(({ stack, logicalId, resource }) => {
      const id = nodeId(stack, logicalId);
      const pattern = resource.Properties?.['EventPattern'];
      if (typeof pattern !== 'object' || pattern === null) throw new TemplateShapeError(`${id} has no event pattern`);
      const targets = ((resource.Properties?.['Targets'] as Json[] | undefined) ?? []).map((t) => targetOf(stack, t['Arn'], id));
      return { id, pattern: pattern as Json, targets };
    });
  // The archive takes the events its pattern matches, as a rule would.
  for (const { stack, logicalId, resource } of resourcesOfType(stacks, 'AWS::Events::Archive')) {
    const source = stack.template.Resources[referencedId(resource.Properties?.['SourceArn']) ?? ''];
    if (source?.Type !== 'AWS::Events::EventBus' || source.Properties?.['Name'] !== PLUMBING_BUS_NAME) continue;
    rules.push({ id: nodeId(stack, logicalId), pattern: (resource.Properties?.['EventPattern'] as Json | undefined) ?? {}, targets: [{ kind: 'archive', id: nodeId(stack, logicalId) }] });
  }
  return rules;
}

/** Every state of a definition, those of Parallel branches and Map processors included. */
export function countStates(definition: AslDefinition): number {
  return Object.values(definition.States).reduce((sum, state) => {
    const nested = [...(state.Branches ?? []), ...(state.ItemProcessor ? [state.ItemProcessor] : []), ...(state.Iterator ? [state.Iterator] : [])];
    return sum + 1 + nested.reduce((n, d) => n + countStates(d), 0);
  }, 0);
}

function stateMachineNodes(stacks: readonly SynthesizedStack[]): Record<string, StateMachineNode> {
  const nodes: Record<string, StateMachineNode> = {};
  for (const { stack, logicalId, resource } of resourcesOfType(stacks, 'AWS::StepFunctions::StateMachine')) {
    const p = resource.Properties ?? {};
    const id = nodeId(stack, logicalId);
    if (p['DefinitionString'] === undefined) throw new TemplateShapeError(`${id}: no DefinitionString (a definition in S3 is not read)`);
    const definition = JSON.parse(placeholderOf(stack, p['DefinitionString'])) as AslDefinition;
    const functionsByArn = Object.fromEntries(
      resourcesOfType([stack], 'AWS::Lambda::Function').map(({ logicalId: fnId }) => [
        placeholderOf(stack, { 'Fn::GetAtt': [fnId, 'Arn'] }),
        functionIdOf(stack, fnId),
      ]),
    );
    const type = p['StateMachineType'] === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    nodes[id] = { id, type, definition, functionsByArn, stateCount: countStates(definition) };
  }
  return nodes;
}

function deliveryStreamNodes(stacks: readonly SynthesizedStack[]): Record<string, DeliveryStreamNode> {
  const nodes: Record<string, DeliveryStreamNode> = {};
  for (const { stack, logicalId, resource } of resourcesOfType(stacks, 'AWS::KinesisFirehose::DeliveryStream')) {
    const id = nodeId(stack, logicalId);
    const s3 = resource.Properties?.['ExtendedS3DestinationConfiguration'] as Json | undefined;
    if (!s3) throw new TemplateShapeError(`${id}: only extended S3 destinations are priced`);
    const processors = (((s3['ProcessingConfiguration'] as Json | undefined)?.['Processors'] as Json[] | undefined) ?? []).filter(
      (p) => p['Type'] === 'Lambda',
    );
    const parameter = (processor: Json, name: string) =>
      ((processor['Parameters'] as Json[] | undefined) ?? []).find((x) => x['ParameterName'] === name)?.['ParameterValue'];
    const processor = processors[0];
    nodes[id] = {
      id,
      bufferSeconds: Number((s3['BufferingHints'] as Json | undefined)?.['IntervalInSeconds'] ?? 300),
      dynamicPartitioning: (s3['DynamicPartitioningConfiguration'] as Json | undefined)?.['Enabled'] === true,
      processor: processor
        ? {
            function: functionIdOf(stack, referencedId(parameter(processor, 'LambdaArn')) ?? ''),
            bufferSeconds: Number(parameter(processor, 'BufferIntervalInSeconds') ?? 60),
          }
        : undefined,
    };
  }
  return nodes;
}

/** The function behind `POST /twitter` and the size of one access-log line. */
function entryOf(stacks: readonly SynthesizedStack[]): Topology['entry'] {
  const twitter = resourcesOfType(stacks, 'AWS::ApiGateway::Resource').find(({ resource }) => resource.Properties?.['PathPart'] === 'twitter');
  if (!twitter) throw new TemplateShapeError('No API resource /twitter in any stack');
  const post = resourcesOfType([twitter.stack], 'AWS::ApiGateway::Method').find(
    ({ resource }) => resource.Properties?.['HttpMethod'] === 'POST' && referencedId(resource.Properties?.['ResourceId']) === twitter.logicalId,
  );
  const fnId = referencedIds((post?.resource.Properties?.['Integration'] as Json | undefined)?.['Uri']).find(
    (id) => twitter.stack.template.Resources[id]?.Type === 'AWS::Lambda::Function',
  );
  if (!fnId) throw new TemplateShapeError('POST /twitter does not integrate a Lambda function');
  const stage = resourcesOfType([twitter.stack], 'AWS::ApiGateway::Stage')[0]?.resource;
  const format = ((stage?.Properties?.['AccessLogSetting'] as Json | undefined)?.['Format'] as string | undefined) ?? '';
  // Each $context variable becomes a value of about 16 characters (ids, times, addresses).
  const accessLogBytes = format ? format.replace(/\$context\.[A-Za-z.]+/g, 'x'.repeat(16)).length : 0;
  return { function: functionIdOf(twitter.stack, fnId), apiRequests: 1, accessLogBytes };
}

/** The function Lex invokes for fulfilment, if every intent of the bot has its fulfilment code hook on. */
function lexFulfilmentOf(stacks: readonly SynthesizedStack[]): string | undefined {
  const alias = resourcesOfType(stacks, 'AWS::Lex::BotAlias')[0];
  if (!alias) return undefined;
  const settings = (alias.resource.Properties?.['BotAliasLocaleSettings'] as Json[] | undefined) ?? [];
  const fnIds = new Set(referencedIds(settings).filter((id) => alias.stack.template.Resources[id]?.Type === 'AWS::Lambda::Function'));
  if (fnIds.size === 0) return undefined;
  if (fnIds.size > 1) throw new TemplateShapeError(`${alias.stack.stackName}: the bot alias names several code hooks`);
  const bot = resourcesOfType([alias.stack], 'AWS::Lex::Bot')[0]?.resource;
  const intents = ((bot?.Properties?.['BotLocales'] as Json[] | undefined) ?? []).flatMap((l) => (l['Intents'] as Json[] | undefined) ?? []);
  const hooked = intents.filter((i) => (i['FulfillmentCodeHook'] as Json | undefined)?.['Enabled'] === true).length;
  if (hooked !== intents.length) {
    throw new TemplateShapeError(`${alias.stack.stackName}: ${hooked} of ${intents.length} intents invoke the code hook; the cost model needs every or none`);
  }
  return functionIdOf(alias.stack, [...fnIds][0]!);
}

const isTraced = (resource: TemplateResource): boolean =>
  (resource.Properties?.['TracingConfig'] as Json | undefined)?.['Mode'] === 'Active' ||
  (resource.Properties?.['TracingConfiguration'] as Json | undefined)?.['Enabled'] === true;

/** Our design's topology, read from the synthesized templates of every app. */
export function templateTopology(stacks: readonly SynthesizedStack[]): Topology {
  return {
    name: 'this design (templates)',
    entry: entryOf(stacks),
    functions: functionNodes(stacks),
    rules: ruleNodes(stacks),
    stateMachines: stateMachineNodes(stacks),
    deliveryStreams: deliveryStreamNodes(stacks),
    traced: stacks.some((s) => Object.values(s.template.Resources).some(isTraced)),
    idempotencyTables: [...new Set(resourcesOfType(stacks, 'AWS::DynamoDB::Table').map(({ stack }) => stack.stackName))],
    lexFulfilment: lexFulfilmentOf(stacks),
  };
}
