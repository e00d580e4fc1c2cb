/**
 * The running local cloud: one Node process hosting every service behind one
 * endpoint. Start-up: resolve the configuration, create the service instances,
 * listen (requests answer 503 until ready), provision every stack's resources
 * through the loader, start the services, then serve.
 */
import { join } from 'node:path';
import { ActivityLog } from './activity';
import { serviceOfNamespace, type ServiceCatalog } from './catalog';
import type { Cloud, SdkCommand, SendOptions } from './cloud';
import { resolveConfig, type CloudConfig, type CloudConfigInput } from './config';
import { AwsError, LocalCloudError } from './errors';
import { FaultInjector } from './faults';
import { ServiceHost, sdkStreamingBody, streamingInputBytes } from './host';
import { FAULTS_ROUTE, faultsRoute } from './http/faults-route';
import { listen, type ListeningServer } from './http/server';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http/types';
import { requestId as newRequestId } from './ids';
import { localEndpoints, type LocalEndpoints } from './local-endpoints';
import { createLogger, silentLogger, type Logger } from './logger';
import { ensureDir } from './persistence';
import { ResourceRegistry } from './registry';
import { createRouter, type LocalRoute } from './router';
import type { ServiceInstance, ServiceName } from './service';

/** Loads the stacks into the cloud (the loader, `src/loader`). */
export type StackLoader = (cloud: LocalCloud) => Promise<void>;

/** Something besides AWS services that lives in the process (the fakes, the console). */
export interface Component {
  readonly name: string;
  /** Local routes by path prefix (must start with `/_`). */
  readonly routes?: Readonly<Record<string, LocalRoute>>;
  start?(cloud: LocalCloud): Promise<void> | void;
  stop?(): Promise<void> | void;
}

export interface StartOptions {
  readonly catalog: ServiceCatalog;
  /** @default no stacks are loaded */
  readonly loader?: StackLoader;
  readonly components?: readonly Component[];
  /** @default a logger on stderr (silent when `config.quiet`) */
  readonly logger?: Logger;
}

export class LocalCloud implements Cloud {
  readonly resources = new ResourceRegistry();
  readonly activity = new ActivityLog();
  readonly hosts = new Map<ServiceName, ServiceHost>();
  readonly components: Component[] = [];
  /** Faults injected at runtime (`/_localcloud/faults`); none unless asked for. */
  readonly faults = new FaultInjector();
  private readonly localRoutes = new Map<string, LocalRoute>();
  private server: ListeningServer | undefined;
  private ready = false;
  /** Milliseconds from `start()` to serving, by phase. */
  readonly timings: Record<string, number> = {};

  private constructor(
    readonly config: CloudConfig,
    readonly log: Logger,
  ) {}

  /** Starts a local cloud and returns once it serves every loaded stack. */
  static async start(input: CloudConfigInput, options: StartOptions): Promise<LocalCloud> {
    const t0 = performance.now();
    const config = resolveConfig(input);
    const log = options.logger ?? (config.quiet ? silentLogger : createLogger());
    const cloud = new LocalCloud(config, log);
    ensureDir(config.dataDir);
    try {
      for (const definition of Object.values(options.catalog)) {
        if (!definition) continue;
        const instance = await definition.create(cloud);
        cloud.hosts.set(definition.name, new ServiceHost(definition, instance, cloud, cloud.faults));
        for (const [prefix, route] of Object.entries(instance.routes ?? {})) cloud.addRoute(prefix, route, definition.name);
      }
      for (const component of options.components ?? []) {
        cloud.components.push(component);
        for (const [prefix, route] of Object.entries(component.routes ?? {})) cloud.addRoute(prefix, route, component.name);
      }
      cloud.addRoute('/_localcloud/health', async () => jsonResponse(cloud.ready ? 200 : 503, cloud.health()), 'core');
      cloud.addRoute('/_localcloud/resources', async () => jsonResponse(200, cloud.resources.all()), 'core');
      cloud.addRoute('/_localcloud/activity', async () => jsonResponse(200, cloud.activity.recent(500)), 'core');
      cloud.addRoute(FAULTS_ROUTE, faultsRoute(cloud.faults, () => [...cloud.hosts.keys()], log.child('faults')), 'core');
      cloud.timings['create'] = performance.now() - t0;

      const router = createRouter({
        hosts: () => cloud.hosts.values(),
        localRoutes: () => cloud.localRoutes,
        region: config.region,
        log: log.child('router'),
        activity: cloud.activity,
      });
      cloud.server = await listen(
        (req) => (cloud.ready || req.path.startsWith('/_localcloud/health') ? router(req) : cloud.notReady(req)),
        config.host,
        config.port,
      );
      cloud.timings['listen'] = performance.now() - t0;

      if (options.loader) await options.loader(cloud);
      cloud.timings['load'] = performance.now() - t0;
      // Components (the fakes) first: services resuming work at start may already call them.
      for (const component of cloud.components) await component.start?.(cloud);
      for (const host of cloud.hosts.values()) await host.instance.start?.();
      cloud.ready = true;
      cloud.timings['ready'] = performance.now() - t0;
      log.info(`ready at ${cloud.endpoint} in ${Math.round(cloud.timings['ready'])} ms`, {
        services: [...cloud.hosts.keys()].length,
        resources: cloud.resources.size,
      });
      return cloud;
    } catch (err) {
      await cloud.stop().catch(() => undefined);
      throw err;
    }
  }

  get endpoint(): string {
    if (!this.server) throw new LocalCloudError('The endpoint is not listening yet');
    return this.server.url;
  }

  get port(): number {
    return this.server?.port ?? this.config.port;
  }

  /** The media host's actual port, once it listens (the configured one until then). */
  mediaPort: number | undefined;
  /** The fake platforms' actual port, once they listen (the configured one until then). */
  platformsPort: number | undefined;

  get endpoints(): LocalEndpoints {
    return localEndpoints(this.config, this.endpoint, {
      ...(this.mediaPort !== undefined ? { media: this.mediaPort } : {}),
      ...(this.platformsPort !== undefined ? { platforms: this.platformsPort } : {}),
    });
  }

  dataDir(...segments: string[]): string {
    return ensureDir(join(this.config.dataDir, ...segments));
  }

  api(service: ServiceName) {
    return this.hosts.get(service)?.api;
  }

  instance(service: ServiceName): ServiceInstance | undefined {
    return this.hosts.get(service)?.instance;
  }

  /** Is a local route served at this prefix? */
  hasRoute(prefix: string): boolean {
    return this.localRoutes.has(prefix);
  }

  /** Adds a local route (`/_…` prefix). */
  addRoute(prefix: string, route: LocalRoute, owner: string): void {
    if (!prefix.startsWith('/_')) throw new LocalCloudError(`${owner}: local route "${prefix}" must start with "/_"`);
    if (this.localRoutes.has(prefix)) throw new LocalCloudError(`${owner}: local route "${prefix}" is already taken`);
    this.localRoutes.set(prefix, route);
  }

  async send<I extends object, O extends object>(command: SdkCommand<I, O>, options?: SendOptions): Promise<O> {
    const schema = (command as unknown as { schema?: unknown }).schema;
    if (!Array.isArray(schema) || schema[0] !== 9) throw new TypeError('send() takes an AWS SDK v3 command object');
    const service = serviceOfNamespace(schema[1] as string);
    if (!service) throw new AwsError('UnknownService', `The local cloud does not emulate ${String(schema[1])}`, { statusCode: 400 });
    return (await this.call(service, schema[2] as string, command.input, options)) as O;
  }

  async call(service: ServiceName, operation: string, input: object, options?: SendOptions): Promise<Record<string, unknown>> {
    const host = this.hosts.get(service);
    if (!host) throw new AwsError('NotImplemented', `This local cloud runs without the ${service} service (its catalog leaves it out)`, { statusCode: 501, fault: 'server' });
    const op = host.api.operation(operation);
    let effective: Record<string, unknown> = { ...(input as Record<string, unknown>) };
    if (op) {
      for (const [name, ms] of op.input.structIterator()) {
        if (ms.isStreaming() && effective[name] !== undefined) effective = { ...effective, [name]: await streamingInputBytes(effective[name]) };
      }
    }
    const requestId = newRequestId();
    const output = await host.invoke(operation, effective, {
      requestId,
      service,
      operation,
      cloud: this,
      region: options?.region ?? this.config.region,
    });
    const result: Record<string, unknown> = { ...output };
    if (op) {
      for (const [name, ms] of op.output.structIterator()) {
        if (ms.isStreaming() && result[name] !== undefined) result[name] = sdkStreamingBody(result[name]);
      }
    }
    result['$metadata'] = { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 };
    return result;
  }

  health(): Record<string, unknown> {
    return {
      ready: this.ready,
      endpoint: this.server?.url,
      region: this.config.region,
      accountId: this.config.accountId,
      dataDir: this.config.dataDir,
      services: [...this.hosts.keys()],
      resources: this.resources.size,
      timingsMs: Object.fromEntries(Object.entries(this.timings).map(([k, v]) => [k, Math.round(v)])),
    };
  }

  private async notReady(_req: HttpRequest): Promise<HttpResponse> {
    return jsonResponse(503, { __type: 'ServiceUnavailable', message: 'The local cloud is starting' }, { 'retry-after': '1' });
  }

  /** Stops every component and service (reverse order) and closes the endpoint. */
  async stop(): Promise<void> {
    this.ready = false;
    const stopping: Array<[string, (() => Promise<void> | void) | undefined]> = [
      ...[...this.hosts.values()].reverse().map((h): [string, (() => Promise<void> | void) | undefined] => [h.name, h.instance.stop?.bind(h.instance)]),
      ...[...this.components].reverse().map((c): [string, (() => Promise<void> | void) | undefined] => [c.name, c.stop?.bind(c)]),
    ];
    for (const [name, stop] of stopping) {
      if (!stop) continue;
      // A part that does not stop within 10 s is left behind (and named) rather than holding up the rest.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 10_000);
        timer.unref();
      });
      try {
        if ((await Promise.race([Promise.resolve(stop()), timeout])) === 'timeout') this.log.error(`${name} did not stop within 10 s`);
      } catch (err) {
        this.log.error(`stopping ${name} failed`, { error: err as Error });
      } finally {
        clearTimeout(timer);
      }
    }
    await this.server?.close();
  }
}
