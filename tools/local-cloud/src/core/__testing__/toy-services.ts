/**
 * Minimal services, one per wire protocol, used by the framework's own tests to
 * prove each codec against the real SDK clients. Not part of the product.
 */
import type { PutEventsRequest, PutEventsResponse } from '@aws-sdk/client-eventbridge';
import type { InvocationRequest, InvocationResponse, GetFunctionRequest, GetFunctionResponse } from '@aws-sdk/client-lambda';
import type { GetObjectRequest, GetObjectOutput, ListObjectsV2Request, ListObjectsV2Output, PutObjectRequest, PutObjectOutput } from '@aws-sdk/client-s3';
import type { DescribeExecutionInput, DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import type { ListTopicsInput, ListTopicsResponse, PublishInput, PublishResponse } from '@aws-sdk/client-sns';
import { createHash } from 'node:crypto';
import { catalogOf, type ServiceCatalog } from '../catalog';
import { AwsError, ResourceNotFoundError } from '../errors';
import { defineService, type OperationContext } from '../service';

export interface ToyState {
  events: PutEventsRequest[];
  objects: Map<string, { body: Buffer; contentType?: string; metadata?: Record<string, string> }>;
  published: PublishInput[];
  contexts: OperationContext[];
}

export function toyCatalog(state: ToyState): ServiceCatalog {
  return catalogOf({
    events: defineService({
      name: 'events',
      signingName: 'events',
      protocol: 'awsJson1_1',
      targetPrefix: 'AWSEvents',
      sdk: () => require('@aws-sdk/client-eventbridge'),
      resourceTypes: [],
      create: () => ({
        resources: {},
        operations: {
          PutEvents: (input: PutEventsRequest, ctx): PutEventsResponse => {
            state.events.push(input);
            state.contexts.push(ctx);
            if ((input.Entries ?? []).length > 10) throw new AwsError('ValidationException', 'At most 10 entries');
            return { FailedEntryCount: 0, Entries: (input.Entries ?? []).map((_, i) => ({ EventId: `id-${i}` })) };
          },
        },
      }),
    }),
    states: defineService({
      name: 'states',
      signingName: 'states',
      protocol: 'awsJson1_0',
      targetPrefix: 'AWSStepFunctions',
      sdk: () => require('@aws-sdk/client-sfn'),
      resourceTypes: [],
      create: () => ({
        resources: {},
        operations: {
          DescribeExecution: (input: DescribeExecutionInput): DescribeExecutionOutput => {
            if (input.executionArn === 'missing') throw new AwsError('ExecutionDoesNotExist', `Execution does not exist: ${input.executionArn}`);
            return {
              executionArn: input.executionArn,
              stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:toy',
              status: 'SUCCEEDED',
              startDate: new Date('2024-05-01T10:00:00.250Z'),
            };
          },
        },
      }),
    }),
    lambda: defineService({
      name: 'lambda',
      signingName: 'lambda',
      protocol: 'restJson1',
      sdk: () => require('@aws-sdk/client-lambda'),
      resourceTypes: [],
      create: () => ({
        resources: {},
        operations: {
          Invoke: (input: InvocationRequest): InvocationResponse => {
            if (input.FunctionName === 'nope') throw new ResourceNotFoundError(`Function not found: ${input.FunctionName}`, { fields: { Type: 'User' } });
            if (input.InvocationType === 'Event') return { StatusCode: 202 };
            const event = JSON.parse(Buffer.from(input.Payload ?? new Uint8Array()).toString('utf8')) as { fail?: boolean };
            if (event.fail) {
              return { StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage: 'boom' })), ExecutedVersion: '$LATEST' };
            }
            return { StatusCode: 200, Payload: Buffer.from(JSON.stringify({ echo: event, qualifier: input.Qualifier ?? null })), ExecutedVersion: '$LATEST' };
          },
          GetFunction: (input: GetFunctionRequest): GetFunctionResponse => ({
            Configuration: { FunctionName: input.FunctionName, Runtime: 'nodejs22.x', Timeout: 10, LastModified: '2024-05-01T10:00:00.000+0000' },
          }),
        },
      }),
    }),
    s3: defineService({
      name: 's3',
      signingName: 's3',
      protocol: 'restXml',
      xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
      sdk: () => require('@aws-sdk/client-s3'),
      resourceTypes: [],
      // Path-style addressing: the first segment is the bucket.
      rewrite: (req) => {
        const m = /^\/([^/]+)(\/.*)?$/.exec(req.path);
        return m ? { ...req, path: m[2] ?? '/', labels: { Bucket: decodeURIComponent(m[1]!) } } : req;
      },
      create: () => ({
        resources: {},
        operations: {
          PutObject: (input: PutObjectRequest): PutObjectOutput => {
            const body = Buffer.from(input.Body as unknown as Uint8Array);
            state.objects.set(`${input.Bucket}/${input.Key}`, {
              body,
              ...(input.ContentType ? { contentType: input.ContentType } : {}),
              ...(input.Metadata ? { metadata: input.Metadata } : {}),
            });
            return { ETag: `"${createHash('md5').update(body).digest('hex')}"` };
          },
          GetObject: (input: GetObjectRequest): GetObjectOutput => {
            const o = state.objects.get(`${input.Bucket}/${input.Key}`);
            if (!o) throw new AwsError('NoSuchKey', 'The specified key does not exist.', { statusCode: 404, fields: { Key: input.Key } });
            return {
              Body: o.body as unknown as GetObjectOutput['Body'],
              ContentLength: o.body.length,
              ...(o.contentType ? { ContentType: o.contentType } : {}),
              ...(o.metadata ? { Metadata: o.metadata } : {}),
              LastModified: new Date('2024-05-01T10:00:00Z'),
            };
          },
          ListObjectsV2: (input: ListObjectsV2Request): ListObjectsV2Output => {
            const keys = [...state.objects.keys()].filter((k) => k.startsWith(`${input.Bucket}/${input.Prefix ?? ''}`));
            return {
              Name: input.Bucket,
              Prefix: input.Prefix ?? '',
              KeyCount: keys.length,
              IsTruncated: false,
              Contents: keys.map((k) => ({ Key: k.slice(input.Bucket!.length + 1), Size: state.objects.get(k)!.body.length, LastModified: new Date('2024-05-01T10:00:00Z') })),
            };
          },
        },
      }),
    }),
    sns: defineService({
      name: 'sns',
      signingName: 'sns',
      protocol: 'awsQuery',
      xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
      sdk: () => require('@aws-sdk/client-sns'),
      resourceTypes: [],
      create: () => ({
        resources: {},
        operations: {
          Publish: (input: PublishInput): PublishResponse => {
            if (input.TopicArn?.endsWith(':missing')) throw new AwsError('NotFoundException', 'Topic does not exist');
            state.published.push(input);
            return { MessageId: 'm-1' };
          },
          ListTopics: (_input: ListTopicsInput): ListTopicsResponse => ({
            Topics: [{ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:a' }, { TopicArn: 'arn:aws:sns:eu-west-1:000000000000:b' }],
          }),
        },
      }),
    }),
  });
}
