/**
 * CloudWatch Logs (awsJson1.1, `Logs_20140328.*`): log groups and streams from
 * the templates, PutLogEvents with AWS's limits, GetLogEvents with forward and
 * backward tokens, FilterLogEvents with the filter-pattern language, retention.
 * `append()` is the in-process door the Lambda runner writes function output
 * through. Metric filters (`AWS::Logs::MetricFilter`) are inert: no metrics are
 * computed locally.
 */
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type OperationContext, type ResolvedResource, type ServiceInstance } from '../../core/service';
import {
  checkGroupName,
  checkRetention,
  createLogGroup,
  createLogStream,
  deleteLogGroup,
  deleteLogStream,
  deleteRetentionPolicy,
  describeLogGroups,
  describeLogStreams,
  filterLogEvents,
  getLogEvents,
  groupArn,
  putLogEvents,
  putRetentionPolicy,
  type Place,
} from './operations';
import { LogStore } from './store';

export { LogStore } from './store';
export { compileFilterPattern } from './filter-pattern';
export * from './errors';

const RETENTION_SWEEP_MS = 10 * 60_000;

export interface LogsInstance extends ServiceInstance<'AWS::Logs::LogGroup' | 'AWS::Logs::LogStream'> {
  readonly store: LogStore;
  /**
   * Appends lines to a group's stream, creating both if needed, as Lambda does
   * for function output. Resolves once the lines are on disk.
   */
  append(group: string, stream: string, events: ReadonlyArray<{ timestamp: number; message: string }>): Promise<void>;
}

interface LogGroupProperties {
  readonly LogGroupName?: string;
  readonly RetentionInDays?: number | string;
  readonly LogGroupClass?: string;
  readonly KmsKeyId?: string;
  readonly Tags?: ReadonlyArray<{ Key: string; Value: string }>;
}

export const logsService = defineService({
  name: 'logs',
  signingName: 'logs',
  protocol: 'awsJson1_1',
  targetPrefix: 'Logs_20140328',
  sdk: () => require('@aws-sdk/client-cloudwatch-logs') as SdkModule,
  resourceTypes: ['AWS::Logs::LogGroup', 'AWS::Logs::LogStream'],
  create: async (cloud: Cloud): Promise<LogsInstance> => {
    const store = await LogStore.open(cloud.dataDir('logs'));
    const home: Place = { region: cloud.config.region, account: cloud.config.accountId };
    const place = (ctx: OperationContext): Place => ({ region: ctx.region, account: cloud.config.accountId });
    let timer: NodeJS.Timeout | undefined;
    return {
      store,
      async append(group, stream, events) {
        if (!store.has(group)) await store.createGroup({ name: checkGroupName(group), createdAt: Date.now(), logGroupClass: 'STANDARD' });
        await store.createStream(group, stream, { existing: 'keep' });
        const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
        if (sorted.length > 0) await store.appendEvents(group, stream, sorted);
      },
      operations: {
        CreateLogGroup: (input) => createLogGroup(store, input),
        DeleteLogGroup: (input) => deleteLogGroup(store, input),
        CreateLogStream: (input) => createLogStream(store, input),
        DeleteLogStream: (input) => deleteLogStream(store, input),
        PutRetentionPolicy: (input) => putRetentionPolicy(store, input),
        DeleteRetentionPolicy: (input) => deleteRetentionPolicy(store, input),
        PutLogEvents: (input) => putLogEvents(store, input),
        GetLogEvents: (input) => getLogEvents(store, input),
        FilterLogEvents: (input) => filterLogEvents(store, input),
        DescribeLogGroups: (input, ctx) => describeLogGroups(store, place(ctx), input),
        DescribeLogStreams: (input, ctx) => describeLogStreams(store, place(ctx), input),
      },
      resources: {
        'AWS::Logs::LogGroup': async (resource: ResolvedResource) => {
          const p = resource.properties as LogGroupProperties;
          const name = checkGroupName(p.LogGroupName ?? resource.physicalName({ maxLength: 512 }));
          const days = checkRetention(p.RetentionInDays === undefined ? undefined : Number(p.RetentionInDays));
          await store.createGroup(
            {
              name,
              createdAt: Date.now(),
              logGroupClass: p.LogGroupClass ?? 'STANDARD',
              ...(days ? { retentionInDays: days } : {}),
              ...(p.KmsKeyId ? { kmsKeyId: p.KmsKeyId } : {}),
              ...(p.Tags?.length ? { tags: Object.fromEntries(p.Tags.map((t) => [t.Key, t.Value])) } : {}),
            },
            { update: true },
          );
          const arn = groupArn(home, name);
          return { ref: name, arn, attributes: { Arn: `${arn}:*` } };
        },
        'AWS::Logs::LogStream': async (resource: ResolvedResource) => {
          const p = resource.properties as { LogGroupName?: string; LogStreamName?: string };
          const name = p.LogStreamName ?? resource.physicalName({ maxLength: 512 });
          await store.createStream(p.LogGroupName, name, { existing: 'keep' });
          return { ref: name };
        },
      },
      start() {
        timer = setInterval(() => {
          store.applyRetention().catch((error: unknown) => cloud.log.error('log retention sweep failed', { error: error as Error }));
        }, RETENTION_SWEEP_MS);
        timer.unref();
      },
      async stop() {
        if (timer) clearInterval(timer);
        await store.close();
      },
    };
  },
});
