/**
 * Task state resources, dispatched to the local services in process: `lambda:invoke`
 * (and a bare function ARN), `aws-sdk:<service>:<action>`, and the optimized
 * `events:putEvents`, `sns:publish`, `sqs:sendMessage`, `dynamodb:*Item`,
 * `states:startExecution`. Parameters and results travel in the services' JSON wire
 * form (base64 blobs, epoch timestamps), converted with the SDK's own schemas, as
 * Step Functions passes them; errors are named `<Service>.<Code>` as Step Functions
 * names them.
 */
import { JsonCodec } from '@aws-sdk/core/protocols';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../core/cloud';
import type { ServiceName } from '../../core/service';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type TaskHandler = (input: JsonValue) => Promise<JsonValue>;

/** A Task state's error as Step Functions raises it (`name` is the ASL error name, `message` its cause). */
export class TaskError extends Error {
  constructor(errorName: string, cause: string) {
    super(cause);
    this.name = errorName;
  }
}

/** aws-sdk integration service names (the SDK's) → the local service and the error prefix. */
const AWS_SDK_SERVICES: Record<string, { readonly service: ServiceName; readonly prefix: string }> = {
  comprehend: { service: 'comprehend', prefix: 'Comprehend' },
  rekognition: { service: 'rekognition', prefix: 'Rekognition' },
  dynamodb: { service: 'dynamodb', prefix: 'DynamoDb' },
  s3: { service: 's3', prefix: 'S3' },
  eventbridge: { service: 'events', prefix: 'EventBridge' },
  sfn: { service: 'states', prefix: 'Sfn' },
  lambda: { service: 'lambda', prefix: 'Lambda' },
  sqs: { service: 'sqs', prefix: 'Sqs' },
  sns: { service: 'sns', prefix: 'Sns' },
  secretsmanager: { service: 'secretsmanager', prefix: 'SecretsManager' },
  ssm: { service: 'ssm', prefix: 'Ssm' },
  cloudwatchlogs: { service: 'logs', prefix: 'CloudWatchLogs' },
  firehose: { service: 'firehose', prefix: 'Firehose' },
  athena: { service: 'athena', prefix: 'Athena' },
  glue: { service: 'glue', prefix: 'Glue' },
  lexruntimev2: { service: 'lex', prefix: 'LexRuntimeV2' },
};

const stringified = (v: JsonValue | undefined): JsonValue | undefined => (v !== undefined && v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

/**
 * Optimized integrations: `arn:aws:states:::<service>:<action>`. Where Step Functions
 * takes a JSON object for a text field (an event's `Detail`, a message body), `prepare`
 * serializes it, as Step Functions does.
 */
const OPTIMIZED: Record<string, { readonly service: ServiceName; readonly operation: string; readonly prefix: string; readonly prepare?: (p: Record<string, JsonValue>) => Record<string, JsonValue> }> = {
  'events:putEvents': {
    service: 'events',
    operation: 'PutEvents',
    prefix: 'EventBridge',
    prepare: (p) => ({
      ...p,
      Entries: ((p['Entries'] ?? []) as Array<Record<string, JsonValue>>).map((e) => ({ ...e, ...(e['Detail'] !== undefined ? { Detail: stringified(e['Detail'])! } : {}) })),
    }),
  },
  'sns:publish': { service: 'sns', operation: 'Publish', prefix: 'SNS', prepare: (p) => ({ ...p, ...(p['Message'] !== undefined ? { Message: stringified(p['Message'])! } : {}) }) },
  'sqs:sendMessage': { service: 'sqs', operation: 'SendMessage', prefix: 'SQS', prepare: (p) => ({ ...p, ...(p['MessageBody'] !== undefined ? { MessageBody: stringified(p['MessageBody'])! } : {}) }) },
  'dynamodb:getItem': { service: 'dynamodb', operation: 'GetItem', prefix: 'DynamoDB' },
  'dynamodb:putItem': { service: 'dynamodb', operation: 'PutItem', prefix: 'DynamoDB' },
  'dynamodb:updateItem': { service: 'dynamodb', operation: 'UpdateItem', prefix: 'DynamoDB' },
  'dynamodb:deleteItem': { service: 'dynamodb', operation: 'DeleteItem', prefix: 'DynamoDB' },
  'states:startExecution': { service: 'states', operation: 'StartExecution', prefix: 'StepFunctions' },
};

const codec = new JsonCodec({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false });
const pascal = (action: string) => action.charAt(0).toUpperCase() + action.slice(1);

/** Calls an operation with wire-form JSON parameters; returns the wire-form JSON result. */
async function callJson(cloud: Cloud, service: ServiceName, operation: string, params: JsonValue, prefix: string): Promise<JsonValue> {
  const api = cloud.api(service);
  const op = api?.operation(operation);
  if (!api || !op) throw new TaskError(`${prefix}.${api ? 'UnknownOperationException' : 'ServiceUnavailable'}`, `${service}.${operation} is not available in the local cloud`);
  let output: Record<string, unknown>;
  try {
    const input = codec.createDeserializer().readObject(op.input, (params ?? {}) as never) as Record<string, unknown>;
    output = await cloud.call(service, operation, input);
  } catch (err) {
    const name = (err as Error).name;
    throw new TaskError(`${prefix}.${/^[A-Za-z][\w.]*$/.test(name) && name !== 'Error' ? name : 'SdkClientException'}`, (err as Error).message);
  }
  const { $metadata: _m, ...body } = output;
  // Streaming bodies (S3 GetObject) come back as text, as Step Functions returns them.
  for (const [name, ms] of op.output.structIterator()) {
    const v = body[name] as { transformToString?: () => Promise<string> } | undefined;
    if (ms.isStreaming() && v?.transformToString) body[name] = await v.transformToString();
  }
  const serializer = codec.createSerializer();
  serializer.write(op.output, body);
  const text = serializer.flush();
  return JSON.parse(typeof text === 'string' ? text : Buffer.from(text as Uint8Array).toString('utf8')) as JsonValue;
}

async function invokeLambda(cloud: Cloud, params: { FunctionName?: string; Payload?: JsonValue; InvocationType?: string; Qualifier?: string }) {
  let out;
  try {
    out = await cloud.send(
      new InvokeCommand({
        FunctionName: params.FunctionName,
        Payload: Buffer.from(JSON.stringify(params.Payload ?? {})),
        ...(params.InvocationType ? { InvocationType: params.InvocationType as 'Event' } : {}),
        ...(params.Qualifier ? { Qualifier: params.Qualifier } : {}),
      }),
    );
  } catch (err) {
    throw new TaskError(`Lambda.${(err as Error).name === 'Error' ? 'SdkClientException' : (err as Error).name}`, (err as Error).message);
  }
  const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
  if (out.FunctionError) {
    let errorType = 'Lambda.Unknown';
    try {
      errorType = (JSON.parse(text) as { errorType?: string }).errorType ?? errorType;
    } catch {
      // Not JSON: keep Lambda.Unknown.
    }
    throw new TaskError(errorType, text);
  }
  return { out, payload: (text === '' ? null : JSON.parse(text)) as JsonValue };
}

/**
 * The handler for a Task state's resource, or an error message saying why the local
 * cloud cannot run it (reported at start-up with the state's name).
 */
export function taskHandler(cloud: Cloud, resource: string): TaskHandler | string {
  if (/\.(sync|waitForTaskToken)(:\d+)?$/.test(resource)) {
    return `${resource}: the .sync and .waitForTaskToken integration patterns are not supported locally`;
  }
  if (/^arn:[^:]+:lambda:[^:]+:[^:]+:function:/.test(resource)) {
    return async (input) => (await invokeLambda(cloud, { FunctionName: resource, Payload: input })).payload;
  }
  const m = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (!m) return `${resource} is not a Task resource the local cloud can run (a Lambda function or an arn:aws:states::: integration)`;
  const integration = m[1]!;
  if (integration === 'lambda:invoke') {
    return async (input) => {
      const { out, payload } = await invokeLambda(cloud, (input ?? {}) as Parameters<typeof invokeLambda>[1]);
      return {
        ExecutedVersion: out.ExecutedVersion ?? '$LATEST',
        Payload: payload,
        SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'application/json' }, HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: out.$metadata.requestId ?? '' },
        StatusCode: out.StatusCode ?? 200,
      };
    };
  }
  const sdk = /^aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)$/.exec(integration);
  if (sdk) {
    const target = AWS_SDK_SERVICES[sdk[1]!];
    if (!target) return `${resource}: the local cloud does not emulate the ${sdk[1]} service`;
    const operation = pascal(sdk[2]!);
    return (input) => callJson(cloud, target.service, operation, input, target.prefix);
  }
  const optimized = OPTIMIZED[integration];
  if (optimized) {
    return async (input) => {
      const params = optimized.prepare && input && typeof input === 'object' && !Array.isArray(input) ? optimized.prepare(input) : input;
      const result = await callJson(cloud, optimized.service, optimized.operation, params, optimized.prefix);
      if (optimized.operation === 'PutEvents' && ((result as { FailedEntryCount?: number }).FailedEntryCount ?? 0) > 0) {
        throw new TaskError('EventBridge.FailedEntry', JSON.stringify(result));
      }
      return result;
    };
  }
  return `${resource}: the ${integration} integration is not supported locally`;
}
