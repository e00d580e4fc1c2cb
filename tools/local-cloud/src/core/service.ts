/**
 * How an emulated AWS service plugs into the local cloud.
 *
 * A service is a `ServiceDefinition`: its SigV4 signing name, its wire protocol,
 * the AWS SDK v3 client package whose Smithy schemas define its API, the
 * CloudFormation resource types it provisions, and a `create(cloud)` factory that
 * returns the running instance: operation handlers (typed with the SDK's own input
 * and output types), resource provisioners, and optional start/stop hooks.
 *
 * ```ts
 * export const sqsService = defineService({
 *   name: 'sqs', signingName: 'sqs', protocol: 'awsJson1_0', targetPrefix: 'AmazonSQS',
 *   sdk: () => require('@aws-sdk/client-sqs'),
 *   resourceTypes: ['AWS::SQS::Queue', 'AWS::SQS::QueuePolicy'],
 *   create: (cloud) => {
 *     const queues = new QueueStore(cloud.dataDir('sqs'));
 *     return {
 *       operations: {
 *         SendMessage: async (input: SendMessageRequest, ctx): Promise<SendMessageResult> => queues.send(input),
 *       },
 *       resources: {
 *         'AWS::SQS::Queue': (r) => queues.provision(r),
 *         'AWS::SQS::QueuePolicy': (r) => ({ ref: r.physicalName() }),
 *       },
 *     };
 *   },
 * });
 * ```
 */
import type { Cloud } from './cloud';
import type { HttpRequest, HttpResponse } from './http/types';
import type { Protocol, SdkModule } from './protocols';

/**
 * Every emulated service. Adding a service means adding its name here and its
 * definition to `SERVICE_DEFINITIONS` (src/core/catalog.ts): a missing entry fails to compile.
 */
export const SERVICE_NAMES = [
  'lambda',
  'apigateway',
  'states',
  'events',
  's3',
  'dynamodb',
  'sqs',
  'sns',
  'firehose',
  'logs',
  'secretsmanager',
  'ssm',
  'athena',
  'glue',
  'comprehend',
  'rekognition',
  'lex',
  'lexmodels',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** What an operation handler receives besides its input. */
export interface OperationContext {
  /** The AWS request id of this call (also in the response headers). */
  readonly requestId: string;
  readonly service: ServiceName;
  readonly operation: string;
  readonly cloud: Cloud;
  /** The raw HTTP request when the call came over HTTP; undefined for in-process calls. */
  readonly http?: HttpRequest;
  /** Region of the caller's SigV4 credential scope (the cloud's region for in-process calls). */
  readonly region: string;
}

/**
 * An operation handler. `I` and `O` are the SDK's request and response types
 * (`PutEventsRequest`, `PutEventsResponse`): timestamps are `Date`s, blobs
 * `Uint8Array`s. Throw an `AwsError` (or any error whose `name` is an AWS error code)
 * to answer with an error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationHandler<I = any, O = any> = (input: I, ctx: OperationContext) => Promise<O> | O;

/** A CloudFormation resource after intrinsic resolution, handed to the service that owns its type. */
export interface ResolvedResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  /** Properties with every intrinsic resolved. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The construct path (`Metadata['aws:cdk:path']`), for the console. */
  readonly path: string | undefined;
  /** The cloud assembly folder the stack came from. */
  readonly assemblyDir: string;
  /**
   * The local folder or file of a file asset by its S3 object key (e.g. a Lambda's
   * `Code.S3Key` `<hash>.zip` → `<assembly>/asset.<hash>`), from the stack's assets manifest.
   */
  asset(objectKey: string): string | undefined;
  /**
   * The name CloudFormation would generate when the template gives none:
   * `<stack>-<logicalId>-<suffix>`, deterministic, within the type's length limit.
   */
  physicalName(options?: { maxLength?: number; lowercase?: boolean; separator?: string }): string;
}

/** What provisioning a resource yields: its `Ref` value and its `Fn::GetAtt` attributes. */
export interface ProvisionedResource {
  readonly ref: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  /** The resource's ARN when it has one (indexed for look-ups by ARN). */
  readonly arn?: string;
}

/** Creates or updates the local resource; must be idempotent across restarts (data is kept). */
export type ResourceProvisioner = (resource: ResolvedResource, cloud: Cloud) => Promise<ProvisionedResource> | ProvisionedResource;

/** A running service. */
export interface ServiceInstance<R extends string = string> {
  /** Operation handlers by operation name (as in the SDK: `PutEvents`, `Invoke`…). */
  readonly operations: Readonly<Record<string, OperationHandler>>;
  /** One provisioner per CloudFormation type the service declared. */
  readonly resources: { readonly [K in R]: ResourceProvisioner };
  /**
   * Called after every stack is provisioned: resume pending work, start timers.
   * Services may call each other from here on.
   */
  start?(): Promise<void> | void;
  /** Flush and release everything; the process is about to exit. */
  stop?(): Promise<void> | void;
  /**
   * Non-AWS HTTP routes the service serves on the endpoint, by path prefix (e.g.
   * API Gateway's `/_api/`). Prefixes must start with `/_`.
   */
  readonly routes?: Readonly<Record<string, (req: HttpRequest) => Promise<HttpResponse>>>;
  /**
   * What the service offers besides AWS operations (the console's views, the bench's
   * figures), reached with `cloud.instance(name)?.api`; each service exports its type.
   */
  readonly api?: object;
}

export interface ServiceDefinition<R extends string = string> {
  readonly name: ServiceName;
  /** The SigV4 credential-scope service name clients sign with (`events`, `states`, `lex`…). */
  readonly signingName: string;
  readonly protocol: Protocol;
  /** Other protocols the service also answers (SQS: `awsQuery` for older clients). */
  readonly alternateProtocols?: readonly Protocol[];
  /** awsJson: the `X-Amz-Target` prefix (`AWSEvents`, `DynamoDB_20120810`…). */
  readonly targetPrefix?: string;
  /** awsQuery / restXml: the XML namespace of responses. */
  readonly xmlNamespace?: string;
  /** awsJson services with the awsQueryCompatible trait (SQS): errors carry `x-amzn-query-error`. */
  readonly awsQueryCompatible?: boolean;
  /** Loads the `@aws-sdk/client-*` package whose schemas define the API (lazily: start-up stays fast). */
  readonly sdk: () => SdkModule;
  /** The CloudFormation resource types this service provisions. */
  readonly resourceTypes: readonly R[];
  /**
   * Rewrites a request before routing (e.g. S3 virtual-hosted-style → path-style).
   * Return the request unchanged when nothing applies.
   */
  readonly rewrite?: (req: HttpRequest) => HttpRequest;
  readonly create: (cloud: Cloud) => ServiceInstance<R> | Promise<ServiceInstance<R>>;
}

/** Identity helper that keeps the literal resource types for the instance's `resources` check. */
export function defineService<const R extends string>(definition: ServiceDefinition<R>): ServiceDefinition<R> {
  return definition;
}
