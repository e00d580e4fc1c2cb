/**
 * `Cloud`: what every service gets from the local cloud. Configuration, the resource
 * registry, the data directory, the activity log, and `send`: an in-process call of
 * any other service's operation with the SDK's own command objects, so service code
 * reads like ordinary SDK code and costs no HTTP hop:
 *
 * ```ts
 * await cloud.send(new SendMessageCommand({ QueueUrl, MessageBody }));
 * const { Body } = await cloud.send(new GetObjectCommand({ Bucket, Key }));
 * const bytes = await Body!.transformToByteArray();
 * ```
 *
 * Errors come back as thrown errors whose `name` is the AWS error code, as the SDK's do.
 */
import type { ActivityLog } from './activity';
import type { CloudConfig } from './config';
import type { LocalEndpoints } from './local-endpoints';
import type { Logger } from './logger';
import type { SdkApi } from './protocols';
import type { ResourceRegistry } from './registry';
import type { ServiceInstance, ServiceName } from './service';

/**
 * Any SDK v3 command object (`new PutEventsCommand(input)`): its input and, through
 * `resolveMiddleware`'s handler type, its output type.
 */
export interface SdkCommand<I extends object, O extends object> {
  readonly input: I;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolveMiddleware(stack: any, configuration: any, options: any): (args: any) => Promise<{ output: O }>;
}

export interface SendOptions {
  /** The region the call is made in. @default the cloud's region */
  readonly region?: string;
}

export interface Cloud {
  readonly config: CloudConfig;
  readonly resources: ResourceRegistry;
  readonly log: Logger;
  readonly activity: ActivityLog;
  /** Calls another service's operation in process, with the SDK command object. */
  send<I extends object, O extends object>(command: SdkCommand<I, O>, options?: SendOptions): Promise<O>;
  /** The untyped form of `send`: service name, operation name and SDK-shaped input. */
  call(service: ServiceName, operation: string, input: object, options?: SendOptions): Promise<Record<string, unknown>>;
  /** An absolute folder under the data directory, created on first use: `dataDir('sqs', 'queues')`. */
  dataDir(...segments: string[]): string;
  /** A running service's API schemas (to convert wire JSON to SDK shapes, as Step Functions' integrations do). */
  api(service: ServiceName): SdkApi | undefined;
  /** A running service instance (for services that expose more than AWS operations, e.g. the console's views). */
  instance(service: ServiceName): ServiceInstance | undefined;
  /** The endpoint URL external clients use (`http://127.0.0.1:4566`); known once the server listens. */
  readonly endpoint: string;
  /** The local stand-ins' addresses (X API, Slack API, media host, CA file). */
  readonly endpoints: LocalEndpoints;
}
