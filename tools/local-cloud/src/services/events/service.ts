/**
 * EventBridge: buses, rules and archives from the templates (and the API), `PutEvents`
 * with AWS's limits, durable delivery to rule targets with retries and dead-letter
 * queues, archives and replays, and a trace of every event for the console.
 *
 * Durability: the events a `PutEvents` accepts are matched against the rules at once,
 * and the matched deliveries (outbox) and archive records are fsynced before the call
 * answers. A restart resumes every delivery not yet acknowledged.
 */
import type {
  CancelReplayRequest,
  CancelReplayResponse,
  DeleteRuleRequest,
  DescribeArchiveRequest,
  DescribeArchiveResponse,
  DescribeEventBusRequest,
  DescribeEventBusResponse,
  DescribeReplayRequest,
  DescribeReplayResponse,
  DescribeRuleRequest,
  DescribeRuleResponse,
  DisableRuleRequest,
  EnableRuleRequest,
  ListArchivesRequest,
  ListArchivesResponse,
  ListEventBusesRequest,
  ListEventBusesResponse,
  ListReplaysRequest,
  ListReplaysResponse,
  ListRulesRequest,
  ListRulesResponse,
  ListTargetsByRuleRequest,
  ListTargetsByRuleResponse,
  PutEventsRequest,
  PutEventsResponse,
  PutEventsResultEntry,
  PutRuleRequest,
  PutRuleResponse,
  PutTargetsRequest,
  PutTargetsResponse,
  RemoveTargetsRequest,
  RemoveTargetsResponse,
  StartReplayRequest,
  StartReplayResponse,
  Target,
  TestEventPatternRequest,
  TestEventPatternResponse,
} from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Cloud } from '../../core/cloud';
import { AwsError, ResourceNotFoundError, TemplateError, ValidationError } from '../../core/errors';
import { paginate } from '../../core/paginate';
import { jsonResponse, queryParam } from '../../core/http/types';
import { readJsonFile, writeJsonAtomic } from '../../core/persistence';
import { defineService, type ResolvedResource } from '../../core/service';
import { archiveDirOf, ArchiveStore, type ArchivedEvent } from './archive';
import { entrySize, envelope, MAX_ENTRIES_PER_PUT, MAX_PUT_EVENTS_BYTES, validateEntry } from './envelope';
import {
  archiveArn,
  busArn,
  busNameOf,
  compileTarget,
  DEFAULT_BUS,
  patternText,
  replayArn,
  ruleArn,
  type Archive,
  type BusEvent,
  type Rule,
} from './model';
import { Outbox, type Delivery } from './outbox';
import { compilePattern, matchesPattern } from './pattern';
import { EventsRegistry } from './registry';
import { ReplayStore, type Replay } from './replays';
import { Schedules } from './schedules';
import { supportedTarget } from './targets';
import { EventTraces, type EventTrace } from './traces';

/** The EventBridge service's `api` (console, tests, bench). */
export interface EventsApi {
  readonly traces: EventTraces;
  readonly registry: EventsRegistry;
  /** Deliveries not yet acknowledged. */
  pendingDeliveries(): number;
  /** Resolves when every delivery queued so far is acknowledged (tests). */
  drained(timeoutMs?: number): Promise<void>;
}

interface ApiState {
  readonly buses: Record<string, { description?: string; createdAt: number }>;
  readonly rules: Record<string, { rule: PutRuleRequest; targets: Target[] }>;
}

function compileRuleTargets(rule: string, targets: readonly Target[]) {
  return targets.map((t) => {
    if (!t.Id || !t.Arn) throw new ValidationError(`Rule ${rule}: a target needs an Id and an Arn`);
    if (!supportedTarget(t.Arn)) throw new ValidationError(`Rule ${rule}, target ${t.Id}: the local cloud cannot deliver to ${t.Arn}`);
    return compileTarget(t);
  });
}

export const eventsService = defineService({
  name: 'events',
  signingName: 'events',
  protocol: 'awsJson1_1',
  targetPrefix: 'AWSEvents',
  sdk: () => require('@aws-sdk/client-eventbridge'),
  resourceTypes: ['AWS::Events::EventBus', 'AWS::Events::Rule', 'AWS::Events::Archive'],
  create: (cloud: Cloud) => {
    const env = { region: cloud.config.region, accountId: cloud.config.accountId, partition: cloud.config.partition };
    const log = cloud.log.child('events');
    const dir = cloud.dataDir('events');
    const reg = new EventsRegistry();
    const traces = new EventTraces();
    const archives = new ArchiveStore(archiveDirOf(cloud.config.dataDir));
    const replays = new ReplayStore(dir);
    const apiStateFile = join(dir, 'api-state.json');
    const apiState: ApiState = readJsonFile<ApiState>(apiStateFile, { buses: {}, rules: {} });
    const saveApiState = () => writeJsonAtomic(apiStateFile, apiState);
    const running = new Map<string, { cancelled: boolean }>();
    let drainWaiters: Array<() => void> = [];

    reg.addBus({ name: DEFAULT_BUS, arn: busArn(env, DEFAULT_BUS), description: undefined, createdAt: 0 });

    const outbox = new Outbox({
      cloud,
      resolve: (arn, targetId) => {
        const rule = reg.rules.get(arn);
        const target = rule?.targets.find((t) => t.id === targetId);
        return rule && target ? { rule, target } : undefined;
      },
      onAttempt: (d, error) => {
        const t = traces.delivery(d.event, d.ruleArn, d.targetId);
        if (t) {
          t.attempts = d.attempts;
          if (error) t.lastError = error;
        }
        if (error) log.debug(`delivery of ${d.event.id} to ${d.ruleArn}/${d.targetId} failed`, { attempt: d.attempts, ...error });
      },
      onDone: (d, result) => {
        traces.outcome(d.event, d.ruleArn, d.targetId, result);
        if (result !== 'delivered') {
          cloud.activity.record('events', 'delivery', `${d.event['detail-type']} ${d.event.id} → ${d.ruleArn.split('/').pop()}/${d.targetId}: ${result}`, {
            eventId: d.event.id,
            rule: d.ruleArn,
            target: d.targetId,
            result,
            attempts: d.attempts,
            ...(d.lastError ? { error: d.lastError } : {}),
          });
        }
        if (outbox.size === 0) {
          const waiters = drainWaiters;
          drainWaiters = [];
          for (const w of waiters) w();
        }
      },
    });

    /** Matches an accepted event, queues its deliveries and archive records (not yet durable). */
    const route = (bus: string, event: BusEvent, ingestion: number, filter?: ReadonlySet<string>) => {
      const rules = reg.matchRules(bus, event).filter((r) => !filter || filter.has(r.arn));
      const deliveries: Delivery[] = rules.flatMap((rule) =>
        rule.targets.map((target) => ({ id: randomUUID(), event, ruleArn: rule.arn, targetId: target.id, at: ingestion, attempts: 0 })),
      );
      const archived = event['replay-name'] ? [] : reg.matchArchives(bus, event);
      const trace: EventTrace = {
        event,
        bus,
        ingested: new Date(ingestion).toISOString(),
        rules: rules.map((r) => r.name),
        archives: archived,
        deliveries: deliveries.map((d) => ({ rule: d.ruleArn, target: d.targetId, status: 'pending', attempts: 0 })),
      };
      return { deliveries, archived, trace };
    };

    const schedules = new Schedules(cloud, async (rule) => {
      const now = Date.now();
      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: env.accountId,
        time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: env.region,
        resources: [rule.arn],
        detail: {},
      };
      const deliveries = rule.targets.map((target) => ({ id: randomUUID(), event, ruleArn: rule.arn, targetId: target.id, at: now, attempts: 0 }));
      await outbox.enqueue(deliveries);
      traces.add({ event, bus: rule.bus, ingested: new Date(now).toISOString(), rules: [rule.name], archives: [], deliveries: deliveries.map((d) => ({ rule: d.ruleArn, target: d.targetId, status: 'pending', attempts: 0 })) });
      outbox.dispatch(deliveries);
    });

    const makeRule = (req: PutRuleRequest, targets: readonly Target[], managedBy: Rule['managedBy']): Rule => {
      const bus = busNameOf(req.EventBusName);
      const name = req.Name ?? '';
      if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new ValidationError(`Rule name "${name}" must be 1-64 characters of [.-_A-Za-z0-9]`);
      const pattern = patternText(req.EventPattern);
      if (!pattern && !req.ScheduleExpression) throw new ValidationError(`Rule ${name}: either EventPattern or ScheduleExpression must be given`);
      if (pattern) compilePattern(pattern);
      if (req.ScheduleExpression) Schedules.parse(req.ScheduleExpression);
      return {
        name,
        bus,
        arn: ruleArn(env, bus, name),
        pattern,
        schedule: req.ScheduleExpression,
        state: req.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        description: req.Description,
        targets: compileRuleTargets(name, targets),
        managedBy,
      };
    };

    const putRule = (rule: Rule) => {
      reg.putRule(rule);
      schedules.set(rule);
    };

    // Rules and buses created through the API in earlier runs.
    for (const [name, b] of Object.entries(apiState.buses)) reg.addBus({ name, arn: busArn(env, name), description: b.description, createdAt: b.createdAt });
    for (const { rule, targets } of Object.values(apiState.rules)) {
      try {
        putRule(makeRule(rule, targets, 'api'));
      } catch (err) {
        log.warn(`ignoring the stored rule ${rule.Name}: ${(err as Error).message}`);
      }
    }

    const requireRule = (bus: string | undefined, name: string | undefined): Rule => {
      const b = busNameOf(bus);
      const rule = reg.rule(b, name ?? '');
      if (!rule) throw new ResourceNotFoundError(`Rule ${name} does not exist on EventBus ${b}.`);
      return rule;
    };

    const storeApiRule = (rule: Rule) => {
      apiState.rules[rule.arn] = {
        rule: {
          Name: rule.name,
          EventBusName: rule.bus,
          ...(rule.pattern ? { EventPattern: rule.pattern } : {}),
          ...(rule.schedule ? { ScheduleExpression: rule.schedule } : {}),
          State: rule.state,
          ...(rule.description ? { Description: rule.description } : {}),
        },
        targets: rule.targets.map((t) => t.raw),
      };
      saveApiState();
    };

    const describeRule = (r: Rule) => ({
      Name: r.name,
      Arn: r.arn,
      ...(r.pattern ? { EventPattern: r.pattern } : {}),
      ...(r.schedule ? { ScheduleExpression: r.schedule } : {}),
      State: r.state,
      ...(r.description ? { Description: r.description } : {}),
      EventBusName: r.bus,
    });

    const describeArchive = (a: Archive) => {
      const stats = archives.statsOf(a.name);
      return {
        ArchiveArn: a.arn,
        ArchiveName: a.name,
        EventSourceArn: busArn(env, a.bus),
        ...(a.description ? { Description: a.description } : {}),
        ...(a.pattern ? { EventPattern: a.pattern } : {}),
        State: 'ENABLED' as const,
        RetentionDays: a.retentionDays,
        SizeBytes: stats.sizeBytes,
        EventCount: stats.eventCount,
        CreationTime: new Date(a.createdAt),
      };
    };

    const describeReplay = (r: Replay): DescribeReplayResponse => ({
      ReplayName: r.name,
      ReplayArn: r.arn,
      ...(r.description ? { Description: r.description } : {}),
      State: r.state,
      ...(r.stateReason ? { StateReason: r.stateReason } : {}),
      EventSourceArn: r.archiveArn,
      Destination: { Arn: r.destinationArn, ...(r.filterArns.length > 0 ? { FilterArns: [...r.filterArns] } : {}) },
      EventStartTime: new Date(r.eventStartTime),
      EventEndTime: new Date(r.eventEndTime),
      ...(r.lastReplayed !== undefined ? { EventLastReplayedTime: new Date(r.lastReplayed) } : {}),
      ReplayStartTime: new Date(r.replayStartTime),
      ...(r.replayEndTime !== undefined ? { ReplayEndTime: new Date(r.replayEndTime) } : {}),
    });

    const runReplay = async (replay: Replay) => {
      const control = { cancelled: false };
      running.set(replay.name, control);
      replay.state = 'RUNNING';
      replays.save();
      const filter = replay.filterArns.length > 0 ? new Set(replay.filterArns) : undefined;
      try {
        let batch: Delivery[] = [];
        let batchTraces: EventTrace[] = [];
        const flush = async () => {
          await outbox.enqueue(batch);
          for (const t of batchTraces) traces.add(t);
          outbox.dispatch(batch);
          batch = [];
          batchTraces = [];
          replays.save();
        };
        const from = replay.lastReplayed !== undefined ? replay.lastReplayed + 1 : replay.eventStartTime;
        for (const archived of archives.read(replay.bus, replay.archive, from, replay.eventEndTime)) {
          if (control.cancelled) break;
          const event: BusEvent = { ...archived.e, 'replay-name': replay.name };
          const { deliveries, trace } = route(replay.bus, event, Date.now(), filter);
          batchTraces.push(trace);
          batch.push(...deliveries);
          replay.count++;
          replay.lastReplayed = archived.i;
          if (batch.length >= 100) await flush();
        }
        await flush();
        replay.state = control.cancelled ? 'CANCELLED' : 'COMPLETED';
      } catch (err) {
        replay.state = 'FAILED';
        replay.stateReason = (err as Error).message;
        log.error(`replay ${replay.name} failed`, { error: err as Error });
      } finally {
        replay.replayEndTime = Date.now();
        running.delete(replay.name);
        replays.save();
        cloud.activity.record('events', 'replay', `replay ${replay.name} ${replay.state}: ${replay.count} event(s)`, { replay: replay.name, state: replay.state, count: replay.count });
      }
    };

    const provisionBus = (r: ResolvedResource) => {
      const name = String(r.properties['Name'] ?? '');
      if (!name) throw new TemplateError(r.stack, r.logicalId, 'AWS::Events::EventBus needs a Name');
      const arn = busArn(env, name);
      reg.addBus({ name, arn, description: r.properties['Description'] as string | undefined, createdAt: Date.now() });
      return { ref: name, arn, attributes: { Arn: arn, Name: name } };
    };

    const provisionRule = (r: ResolvedResource) => {
      const p = r.properties;
      const name = (p['Name'] as string | undefined) ?? r.physicalName({ maxLength: 64 });
      try {
        const rule = makeRule(
          {
            Name: name,
            EventBusName: p['EventBusName'] as string | undefined,
            EventPattern: patternText(p['EventPattern']),
            ScheduleExpression: p['ScheduleExpression'] as string | undefined,
            State: p['State'] as PutRuleRequest['State'],
            Description: p['Description'] as string | undefined,
          },
          (p['Targets'] as Target[] | undefined) ?? [],
          'cloudformation',
        );
        putRule(rule);
        return { ref: rule.bus === DEFAULT_BUS ? name : `${rule.bus}|${name}`, arn: rule.arn, attributes: { Arn: rule.arn } };
      } catch (err) {
        throw new TemplateError(r.stack, r.logicalId, `rule ${name}: ${(err as Error).message}`, { cause: err });
      }
    };

    const provisionArchive = (r: ResolvedResource) => {
      const p = r.properties;
      const name = (p['ArchiveName'] as string | undefined) ?? r.physicalName({ maxLength: 48 });
      const pattern = patternText(p['EventPattern']);
      if (pattern) compilePattern(pattern);
      const archive: Archive = {
        name,
        arn: archiveArn(env, name),
        bus: busNameOf(p['SourceArn'] as string | undefined),
        pattern,
        retentionDays: Number(p['RetentionDays'] ?? 0),
        description: p['Description'] as string | undefined,
        createdAt: Date.now(),
      };
      reg.putArchive(archive);
      return { ref: name, arn: archive.arn, attributes: { Arn: archive.arn, ArchiveName: name } };
    };

    const api: EventsApi = {
      traces,
      registry: reg,
      pendingDeliveries: () => outbox.size,
      drained: (timeoutMs = 30_000) =>
        outbox.size === 0
          ? Promise.resolve()
          : new Promise<void>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error(`${outbox.size} deliveries still pending after ${timeoutMs} ms`)), timeoutMs);
              drainWaiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            }),
    };

    let retentionTimer: NodeJS.Timeout | undefined;

    return {
      api,
      routes: {
        /**
         * `GET /_events/traces?detailType=SEND_REPLY&since=<epoch ms>`: the recent events the bus
         * accepted, with their ingestion time in ms (the bench measures latencies with it).
         */
        '/_events': async (req) => {
          const detailType = queryParam(req, 'detailType');
          const since = Number(queryParam(req, 'since') ?? 0);
          const list = traces
            .recent(Number(queryParam(req, 'limit') ?? 20_000))
            .filter((t) => (!detailType || t.event['detail-type'] === detailType) && Date.parse(t.ingested) >= since)
            .map((t) => ({
              id: t.event.id,
              detailType: t.event['detail-type'],
              source: t.event.source,
              ingested: Date.parse(t.ingested),
              messageId: (t.event.detail as { MessageId?: string } | null)?.MessageId,
              replayName: t.event['replay-name'],
              rules: t.rules,
              deliveries: t.deliveries,
            }));
          return jsonResponse(200, list);
        },
      },
      resources: {
        'AWS::Events::EventBus': provisionBus,
        'AWS::Events::Rule': provisionRule,
        'AWS::Events::Archive': provisionArchive,
      },

      async start() {
        for (const rule of reg.rules.values()) {
          if (!reg.buses.has(rule.bus)) throw new TemplateError('(events)', undefined, `rule ${rule.name} is on event bus ${rule.bus}, which no loaded stack creates`);
          for (const t of rule.targets) {
            const service = t.arn.split(':')[2];
            if (service !== 'logs' && service !== 'events' && !cloud.resources.byArn(t.arn)) {
              log.warn(`rule ${rule.name} target ${t.id}: ${t.arn} is not a resource of any loaded stack (deliveries will fail to the dead-letter queue)`);
            }
          }
        }
        for (const a of reg.archives.values()) {
          if (!reg.buses.has(a.bus)) throw new TemplateError('(events)', undefined, `archive ${a.name} is on event bus ${a.bus}, which no loaded stack creates`);
        }
        for (const f of archives.applyRetention([...reg.archives.values()])) log.info(`archive retention: deleted ${f}`);
        retentionTimer = setInterval(() => {
          archives.applyRetention([...reg.archives.values()]);
          archives.saveStats();
        }, 3_600_000).unref();
        await outbox.open(dir);
        const resumed = outbox.resume();
        if (resumed > 0) log.info(`resuming ${resumed} unacknowledged deliveries`);
        for (const r of replays.replays.values()) {
          if (r.state === 'STARTING' || r.state === 'RUNNING' || r.state === 'CANCELLING') {
            log.info(`resuming replay ${r.name}`);
            void runReplay(r);
          }
        }
        schedules.start();
      },

      async stop() {
        schedules.stop();
        for (const c of running.values()) c.cancelled = true;
        if (retentionTimer) clearInterval(retentionTimer);
        await outbox.close();
        await archives.close();
      },

      operations: {
        PutEvents: async (input: PutEventsRequest, ctx): Promise<PutEventsResponse> => {
          const entries = input.Entries ?? [];
          if (entries.length < 1 || entries.length > MAX_ENTRIES_PER_PUT) {
            throw new ValidationError(
              `1 validation error detected: Value '${JSON.stringify(entries).slice(0, 100)}' at 'entries' failed to satisfy constraint: Member must have length ${entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES_PER_PUT}`}`,
            );
          }
          const total = entries.reduce((n, e) => n + entrySize(e), 0);
          if (total > MAX_PUT_EVENTS_BYTES) throw new ValidationError('Total size of the entries in the request is over the limit.');
          const now = new Date();
          const ingestion = now.getTime();
          const results: PutEventsResultEntry[] = [];
          const deliveries: Delivery[] = [];
          const archived = new Map<string, ArchivedEvent[]>();
          const accepted: EventTrace[] = [];
          for (const entry of entries) {
            const bus = busNameOf(entry.EventBusName);
            const error = validateEntry(entry) ?? (reg.buses.has(bus) ? undefined : { code: 'ResourceNotFoundException', message: `Event bus ${bus} does not exist.` });
            if (error) {
              results.push({ ErrorCode: error.code, ErrorMessage: error.message });
              continue;
            }
            const event = envelope(entry, randomUUID(), { region: ctx.region === env.region ? env.region : ctx.region, accountId: env.accountId }, now);
            const routed = route(bus, event, ingestion);
            deliveries.push(...routed.deliveries);
            if (routed.archived.length > 0) {
              const list = archived.get(bus) ?? [];
              list.push({ e: event, i: ingestion, a: routed.archived });
              archived.set(bus, list);
            }
            accepted.push(routed.trace);
            results.push({ EventId: event.id });
          }
          // Durable before the answer: the deliveries and the archive records are on disk.
          await Promise.all([outbox.enqueue(deliveries), ...[...archived].map(([bus, events]) => archives.append(bus, events))]);
          for (const trace of accepted) {
            traces.add(trace);
            cloud.activity.record('events', 'event', `${trace.event['detail-type']} from ${trace.event.source} → ${trace.rules.length} rule(s)`, {
              eventId: trace.event.id,
              bus: trace.bus,
              rules: trace.rules,
            });
          }
          outbox.dispatch(deliveries);
          return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
        },

        TestEventPattern: (input: TestEventPatternRequest): TestEventPatternResponse => {
          let event: unknown;
          try {
            event = JSON.parse(input.Event ?? '');
          } catch {
            throw new AwsError('InvalidEventPatternException', 'Event is not valid JSON.');
          }
          for (const field of ['id', 'account', 'source', 'time', 'region', 'detail-type']) {
            if (!(event && typeof event === 'object' && field in event)) throw new ValidationError(`Parameter Event is not valid: ${field} is missing.`);
          }
          return { Result: matchesPattern(input.EventPattern ?? '', event) };
        },

        ListEventBuses: (input: ListEventBusesRequest): ListEventBusesResponse => ({
          EventBuses: [...reg.buses.values()]
            .filter((b) => !input.NamePrefix || b.name.startsWith(input.NamePrefix))
            .map((b) => ({ Name: b.name, Arn: b.arn, ...(b.description ? { Description: b.description } : {}) })),
        }),

        DescribeEventBus: (input: DescribeEventBusRequest): DescribeEventBusResponse => {
          const b = reg.busOf(busNameOf(input.Name));
          if (!b) throw new ResourceNotFoundError(`Event bus ${input.Name} does not exist.`);
          return { Name: b.name, Arn: b.arn, ...(b.description ? { Description: b.description } : {}), CreationTime: new Date(b.createdAt) };
        },

        PutRule: (input: PutRuleRequest): PutRuleResponse => {
          const bus = busNameOf(input.EventBusName);
          if (!reg.buses.has(bus)) throw new ResourceNotFoundError(`Event bus ${bus} does not exist.`);
          const existing = reg.rule(bus, input.Name ?? '');
          if (existing?.managedBy === 'cloudformation') throw new AwsError('ManagedRuleException', `Rule ${existing.name} is managed by its CloudFormation stack.`);
          const rule = makeRule(input, existing?.targets.map((t) => t.raw) ?? [], 'api');
          putRule(rule);
          storeApiRule(rule);
          return { RuleArn: rule.arn };
        },

        PutTargets: (input: PutTargetsRequest): PutTargetsResponse => {
          const rule = requireRule(input.EventBusName, input.Rule);
          if (rule.managedBy === 'cloudformation') throw new AwsError('ManagedRuleException', `Rule ${rule.name} is managed by its CloudFormation stack.`);
          const incoming = input.Targets ?? [];
          const merged = [...rule.targets.map((t) => t.raw).filter((t) => !incoming.some((i) => i.Id === t.Id)), ...incoming];
          if (merged.length > 5) throw new AwsError('LimitExceededException', `The requested resource exceeds the maximum number allowed (5 targets per rule).`);
          const updated = { ...rule, targets: compileRuleTargets(rule.name, merged) };
          putRule(updated);
          storeApiRule(updated);
          return { FailedEntryCount: 0, FailedEntries: [] };
        },

        RemoveTargets: (input: RemoveTargetsRequest): RemoveTargetsResponse => {
          const rule = requireRule(input.EventBusName, input.Rule);
          if (rule.managedBy === 'cloudformation') throw new AwsError('ManagedRuleException', `Rule ${rule.name} is managed by its CloudFormation stack.`);
          const updated = { ...rule, targets: rule.targets.filter((t) => !(input.Ids ?? []).includes(t.id)) };
          putRule(updated);
          storeApiRule(updated);
          return { FailedEntryCount: 0, FailedEntries: [] };
        },

        DeleteRule: (input: DeleteRuleRequest) => {
          const rule = reg.rule(busNameOf(input.EventBusName), input.Name ?? '');
          if (!rule) return {};
          if (rule.managedBy === 'cloudformation') throw new AwsError('ManagedRuleException', `Rule ${rule.name} is managed by its CloudFormation stack.`);
          if (rule.targets.length > 0) throw new ValidationError('Rule can\'t be deleted since it has targets.');
          reg.deleteRule(rule.arn);
          schedules.delete(rule.arn);
          delete apiState.rules[rule.arn];
          saveApiState();
          return {};
        },

        EnableRule: (input: EnableRuleRequest) => {
          const rule = requireRule(input.EventBusName, input.Name);
          putRule({ ...rule, state: 'ENABLED' });
          return {};
        },

        DisableRule: (input: DisableRuleRequest) => {
          const rule = requireRule(input.EventBusName, input.Name);
          putRule({ ...rule, state: 'DISABLED' });
          return {};
        },

        DescribeRule: (input: DescribeRuleRequest): DescribeRuleResponse => ({
          ...describeRule(requireRule(input.EventBusName, input.Name)),
          CreatedBy: env.accountId,
        }),

        ListRules: (input: ListRulesRequest): ListRulesResponse => {
          const bus = busNameOf(input.EventBusName);
          const all = reg.rulesOf(bus).filter((r) => !input.NamePrefix || r.name.startsWith(input.NamePrefix));
          const { page, next } = paginate(all, input.NextToken, input.Limit ?? 100);
          return { Rules: page.map(describeRule), ...(next ? { NextToken: next } : {}) };
        },

        ListTargetsByRule: (input: ListTargetsByRuleRequest): ListTargetsByRuleResponse => ({
          Targets: requireRule(input.EventBusName, input.Rule).targets.map((t) => t.raw),
        }),

        ListArchives: (input: ListArchivesRequest): ListArchivesResponse => ({
          Archives: [...reg.archives.values()]
            .filter((a) => !input.NamePrefix || a.name.startsWith(input.NamePrefix))
            .map((a) => {
              const d = describeArchive(a);
              return { ArchiveName: d.ArchiveName, EventSourceArn: d.EventSourceArn, State: d.State, RetentionDays: d.RetentionDays, SizeBytes: d.SizeBytes, EventCount: d.EventCount, CreationTime: d.CreationTime };
            }),
        }),

        DescribeArchive: (input: DescribeArchiveRequest): DescribeArchiveResponse => {
          const a = reg.archives.get(input.ArchiveName ?? '');
          if (!a) throw new ResourceNotFoundError(`Archive ${input.ArchiveName} does not exist.`);
          return describeArchive(a);
        },

        StartReplay: (input: StartReplayRequest): StartReplayResponse => {
          const name = input.ReplayName ?? '';
          if (replays.replays.has(name)) throw new AwsError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
          const archiveName = (input.EventSourceArn ?? '').split(':archive/')[1] ?? '';
          const archive = reg.archives.get(archiveName);
          if (!archive) throw new ResourceNotFoundError(`Archive ${archiveName} does not exist.`);
          const start = input.EventStartTime?.getTime();
          const end = input.EventEndTime?.getTime();
          if (start === undefined || end === undefined) throw new ValidationError('EventStartTime and EventEndTime are required.');
          if (start >= end) throw new ValidationError('Parameter EventStartTime is not valid. Reason: EventStartTime must be before EventEndTime.');
          if (end > Date.now()) throw new ValidationError('Parameter EventEndTime is not valid. Reason: EventEndTime must be in the past.');
          const destination = input.Destination?.Arn ?? '';
          if (busNameOf(destination) !== archive.bus) throw new ValidationError('Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
          const filterArns = input.Destination?.FilterArns ?? [];
          for (const arn of filterArns) if (!reg.rules.has(arn)) throw new ResourceNotFoundError(`Rule ${arn} does not exist.`);
          const replay: Replay = {
            name,
            arn: replayArn(env, name),
            archive: archive.name,
            archiveArn: archive.arn,
            bus: archive.bus,
            destinationArn: destination,
            filterArns,
            description: input.Description,
            eventStartTime: start,
            eventEndTime: end,
            state: 'STARTING',
            replayStartTime: Date.now(),
            count: 0,
          };
          replays.put(replay);
          setImmediate(() => void runReplay(replay));
          return { ReplayArn: replay.arn, State: 'STARTING', ReplayStartTime: new Date(replay.replayStartTime) };
        },

        DescribeReplay: (input: DescribeReplayRequest): DescribeReplayResponse => {
          const r = replays.replays.get(input.ReplayName ?? '');
          if (!r) throw new ResourceNotFoundError(`Replay ${input.ReplayName} does not exist.`);
          return describeReplay(r);
        },

        ListReplays: (input: ListReplaysRequest): ListReplaysResponse => ({
          Replays: [...replays.replays.values()]
            .filter((r) => (!input.NamePrefix || r.name.startsWith(input.NamePrefix)) && (!input.State || r.state === input.State))
            .map((r) => {
              const d = describeReplay(r);
              return {
                ReplayName: d.ReplayName,
                EventSourceArn: d.EventSourceArn,
                State: d.State,
                EventStartTime: d.EventStartTime,
                EventEndTime: d.EventEndTime,
                ...(d.EventLastReplayedTime ? { EventLastReplayedTime: d.EventLastReplayedTime } : {}),
                ReplayStartTime: d.ReplayStartTime,
                ...(d.ReplayEndTime ? { ReplayEndTime: d.ReplayEndTime } : {}),
              };
            }),
        }),

        CancelReplay: (input: CancelReplayRequest): CancelReplayResponse => {
          const r = replays.replays.get(input.ReplayName ?? '');
          if (!r) throw new ResourceNotFoundError(`Replay ${input.ReplayName} does not exist.`);
          if (r.state !== 'STARTING' && r.state !== 'RUNNING') throw new AwsError('IllegalStatusException', `Replay ${r.name} is ${r.state}.`);
          const control = running.get(r.name);
          if (control) control.cancelled = true;
          r.state = 'CANCELLING';
          replays.save();
          return { ReplayArn: r.arn, State: 'CANCELLING' };
        },
      },
    };
  },
});
