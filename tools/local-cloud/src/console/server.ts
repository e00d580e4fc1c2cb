/**
 * The console server: the read models (event log, messages), the live stream, the
 * page's assets and the JSON API under `/_console`. Created when the local cloud has
 * started every service, so it can follow them from the first event on.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DETAIL_TYPES, EVENT_SOURCES } from '@sma/contracts';
import type { Cloud } from '../core/cloud';
import { jsonResponse, type HttpRequest, type HttpResponse } from '../core/http/types';
import { SERVICE_NAMES } from '../core/service';
import type { EventsApi } from '../services/events';
import type { SnsInstance } from '../services/sns';
import type { ComposeRequest, ComposeResult, OverviewView } from './api-types';
import { alertsOf } from './alerts/alert-views';
import { listTopics } from './alerts/topics';
import { namedQueries, runQuery } from './analytics/athena';
import { sentimentOverTimeSql, type TimeBucket } from './analytics/results';
import { BOT_SCREEN_NAME, compose } from './compose/compose';
import { deadLetterQueues } from './dead-letters/dead-letters';
import { BadRequestError, fromAws, NotFoundError, UnavailableError } from './errors';
import { executionDetail, listExecutions } from './executions/execution-views';
import { EventLog } from './feed/event-log';
import { recordOfTrace } from './feed/event-record';
import { isFailed, type EventFilter } from './feed/filter';
import { assetResponse, buildAssets, htmlResponse, type AssetBundle } from './http/assets';
import { errorResponse, Router } from './http/routes';
import { SseHub } from './http/sse';
import { eventsApiOf, follow, statesApiOf, targetInputRenderer, targetLookup } from './live';
import { MessageStore } from './messages/message-store';
import { replayRequest } from './replay/replay-request';
import { listArchives, listReplays, startReplay } from './replay/replays';

export const CONSOLE_PREFIX = '/_console';

export interface ConsoleOptions {
  /** How many events the console keeps (memory and disk). @default 5000 */
  readonly capacity?: number;
  /** Bundle the page at start-up. Tests of the API alone turn it off. @default true */
  readonly assets?: boolean;
  /** Sends a composed mention. @default the way `npm run send` does (signed X webhook) */
  readonly compose?: (cloud: Cloud, request: Partial<ComposeRequest>) => Promise<ComposeResult>;
}

const list = (v: string | undefined) => (v ? v.split(',').filter((s) => s !== '') : undefined);

export class ConsoleServer {
  private readonly router = new Router(CONSOLE_PREFIX);
  private readonly hub = new SseHub();
  private readonly messages = new MessageStore();
  private assets: Promise<AssetBundle> | undefined;
  private unfollow: (() => void) | undefined;

  private constructor(
    private readonly cloud: Cloud,
    private readonly log: EventLog,
    private readonly options: ConsoleOptions,
  ) {}

  static async start(cloud: Cloud, options: ConsoleOptions = {}): Promise<ConsoleServer> {
    const logger = cloud.log.child('console');
    const log = await EventLog.open(cloud.dataDir('console'), {
      ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
      onError: (err) => logger.warn('could not journal a console record', { error: err as Error }),
    });
    const server = new ConsoleServer(cloud, log, options);
    for (const record of log.all()) server.messages.apply(record);
    server.unfollow = follow({ cloud, log, messages: server.messages, hub: server.hub }, () => listTopics(cloud));
    if (options.assets !== false) {
      server.assets = buildAssets();
      server.assets.then(
        (a) => logger.debug(`page bundled in ${Math.round(a.buildMs)} ms (${a.bytes} bytes)`),
        (err: unknown) => logger.error('could not bundle the console page', { error: err as Error }),
      );
    }
    server.routes();
    return server;
  }

  /** The page bundle (resolves once built). */
  bundle(): Promise<AssetBundle> {
    if (!this.assets) return Promise.reject(new UnavailableError('the console was started without its page'));
    return this.assets;
  }

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const routed = await this.router.handle(req);
    if (routed) return routed;
    const sub = req.path.slice(CONSOLE_PREFIX.length);
    if (sub.startsWith('/api/')) return jsonResponse(404, { error: 'NotFound', message: `No console API at ${req.path}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') return jsonResponse(405, { error: 'MethodNotAllowed', message: 'Use GET' }, { allow: 'GET' });
    try {
      const bundle = await this.bundle();
      if (sub.startsWith('/assets/')) {
        const asset = bundle.files.get(sub.slice('/assets/'.length));
        return asset ? assetResponse(asset, req.headers['if-none-match'], req.headers['accept-encoding']) : jsonResponse(404, { error: 'NotFound', message: `No asset ${sub}` });
      }
      return htmlResponse(bundle.html);
    } catch (err) {
      return errorResponse(err);
    }
  }

  async stop(): Promise<void> {
    this.unfollow?.();
    this.hub.closeAll();
    await this.log.close();
  }

  private events(): EventsApi {
    const api = eventsApiOf(this.cloud);
    if (!api) throw new UnavailableError('EventBridge is not running in this local cloud');
    return api;
  }

  private routes(): void {
    const r = this.router;
    const cloud = this.cloud;

    r.add('GET', '/api/overview', (): OverviewView => {
      const events = eventsApiOf(cloud);
      let failed = 0;
      for (const rec of this.log.all()) if (rec.deliveries.some(isFailed)) failed++;
      return {
        endpoint: cloud.endpoint,
        region: cloud.config.region,
        buses: events ? [...events.registry.buses.keys()] : [],
        detailTypes: [...DETAIL_TYPES],
        sources: [...EVENT_SOURCES],
        services: SERVICE_NAMES.filter((name) => cloud.instance(name) !== undefined),
        counts: { events: this.log.size, messages: this.messages.size, failedDeliveries: failed },
        botScreenName: BOT_SCREEN_NAME,
      };
    });

    r.add('GET', '/api/stream', () => this.hub.open().response());

    r.add('GET', '/api/events', (ctx) => {
      const filter: EventFilter = {
        ...(list(ctx.query('detailType')) ? { detailTypes: list(ctx.query('detailType'))! } : {}),
        ...(list(ctx.query('source')) ? { sources: list(ctx.query('source'))! } : {}),
        ...(ctx.query('replayed') !== undefined ? { replayed: ctx.query('replayed') === 'true' } : {}),
        ...(ctx.query('problems') === 'true' ? { problems: true } : {}),
        ...(ctx.query('q') ? { text: ctx.query('q')! } : {}),
      };
      const before = ctx.query('before');
      return this.log.page({ limit: Number(ctx.query('limit') ?? 100), ...(before ? { before } : {}), filter });
    });

    r.add('GET', '/api/events/:key', (ctx) => {
      const key = ctx.params['key']!;
      const events = eventsApiOf(cloud);
      const trace = events?.traces.get(key);
      // The live trace has the attempts of deliveries still retrying.
      if (trace) return recordOfTrace(trace, targetLookup(events));
      const record = this.log.get(key);
      if (!record) throw new NotFoundError(`No event ${key} in the console's log`);
      return record;
    });

    r.add('GET', '/api/dead-letters', () => deadLetterQueues(cloud));

    r.add('GET', '/api/messages', (ctx) => this.messages.list(Number(ctx.query('limit') ?? 100)));
    r.add('GET', '/api/messages/:id', (ctx) => {
      const view = this.messages.get(ctx.params['id']!);
      if (!view) throw new NotFoundError(`No message ${ctx.params['id']}`);
      return view;
    });

    r.add('GET', '/api/objects/:bucket/*key', async (ctx) => {
      try {
        const out = await cloud.send(new GetObjectCommand({ Bucket: ctx.params['bucket']!, Key: ctx.params['key']! }));
        const body = Buffer.from(await out.Body!.transformToByteArray());
        return { statusCode: 200, headers: { 'content-type': out.ContentType ?? 'application/octet-stream', 'cache-control': 'private, max-age=3600' }, body };
      } catch (err) {
        throw fromAws(err);
      }
    });

    r.add('GET', '/api/state-machines', () => {
      const states = statesApiOf(cloud);
      if (!states) throw new UnavailableError('Step Functions is not running in this local cloud');
      return [...states.stateMachines.values()].map((m) => ({ arn: m.arn, name: m.name, type: m.type, definition: m.definitionText }));
    });

    r.add('GET', '/api/executions', (ctx) => {
      const states = statesApiOf(cloud);
      if (!states) throw new UnavailableError('Step Functions is not running in this local cloud');
      const sm = ctx.query('stateMachine');
      const messageId = ctx.query('messageId');
      const status = ctx.query('status');
      return listExecutions(states.executions.values(), {
        ...(sm ? { stateMachineArn: sm } : {}),
        ...(messageId ? { messageId } : {}),
        ...(status ? { status } : {}),
        limit: Number(ctx.query('limit') ?? 100),
      });
    });

    r.add('GET', '/api/executions/:arn', (ctx) => {
      const states = statesApiOf(cloud);
      if (!states) throw new UnavailableError('Step Functions is not running in this local cloud');
      const e = states.executions.get(ctx.params['arn']!);
      if (!e) throw new NotFoundError(`No execution ${ctx.params['arn']}`);
      const machine = states.stateMachines.get(e.stateMachineArn);
      const history = states.history(e.arn);
      return executionDetail(e, machine?.definitionText ?? '{"StartAt":"","States":{}}', history?.states ?? []);
    });

    r.add('GET', '/api/alerts', async () => {
      const topics = await listTopics(cloud);
      const sns = cloud.instance('sns') as SnsInstance | undefined;
      return { topics, alerts: alertsOf(this.log.all(), targetInputRenderer(cloud, eventsApiOf(cloud)), topics, sns?.deliveries?.({}, 1000) ?? []) };
    });

    r.add('GET', '/api/queries', () => namedQueries(cloud));
    r.add('POST', '/api/queries/run', (ctx) => {
      const body = ctx.json<{ sql?: unknown; workGroup?: unknown; database?: unknown }>();
      if (typeof body.sql !== 'string') throw new BadRequestError('sql is required');
      return runQuery(cloud, body.sql, {
        ...(typeof body.workGroup === 'string' ? { workGroup: body.workGroup } : {}),
        ...(typeof body.database === 'string' ? { database: body.database } : {}),
      });
    });
    r.add('GET', '/api/sentiment-over-time', (ctx) => {
      const bucket = (ctx.query('bucket') ?? 'hour') as TimeBucket;
      if (!['minute', 'hour', 'day'].includes(bucket)) throw new BadRequestError('bucket is minute, hour or day');
      return runQuery(cloud, sentimentOverTimeSql(bucket));
    });

    r.add('GET', '/api/archives', () => {
      this.events();
      return listArchives(cloud);
    });
    r.add('GET', '/api/replays', () => listReplays(cloud, (name) => this.replayedCount(name)));
    r.add('POST', '/api/replays', (ctx) => startReplay(cloud, replayRequest(ctx.json(), new Date())));

    r.add('POST', '/api/compose', (ctx) => (this.options.compose ?? compose)(cloud, ctx.json()));
  }

  private replayedCount(name: string): number {
    let n = 0;
    for (const r of this.log.all()) if (r.replayName === name) n++;
    return n;
  }
}
