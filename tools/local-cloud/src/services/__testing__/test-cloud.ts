/**
 * Test harness for the data services: a real local cloud (HTTP endpoint on a
 * free port, temporary data directory) running only the services under test,
 * plus SDK client settings pointing at it and a restart that keeps the data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceCatalog } from '../../core/catalog';
import { LocalCloud } from '../../core/runtime';
import type { InvocationRequest, InvocationResponse } from '@aws-sdk/client-lambda';
import type { SdkModule } from '../../core/protocols';
import { defineService, SERVICE_NAMES, type ResolvedResource, type ServiceDefinition } from '../../core/service';
import { physicalName } from '../../core/ids';

export function catalogOf(definitions: readonly ServiceDefinition[]): ServiceCatalog {
  const catalog = Object.fromEntries(SERVICE_NAMES.map((n) => [n, undefined])) as Record<string, ServiceDefinition | undefined>;
  for (const d of definitions) catalog[d.name] = d;
  return catalog as ServiceCatalog;
}

export interface TestCloud {
  readonly cloud: LocalCloud;
  readonly dataDir: string;
  /** Settings for any SDK v3 client: endpoint, region, dummy credentials. */
  readonly client: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** Stops and starts again on the same data directory (a process restart). */
  restart(): Promise<TestCloud>;
  /** Provisions a template resource as the loader would. */
  provision(type: string, logicalId: string, properties: Record<string, unknown>, stack?: string): Promise<{ ref: string; arn?: string; attributes?: Readonly<Record<string, unknown>> }>;
  /** Stops the cloud and deletes the data directory. */
  dispose(): Promise<void>;
}

export async function startTestCloud(definitions: readonly ServiceDefinition[], dataDir = mkdtempSync(join(tmpdir(), 'lc-data-'))): Promise<TestCloud> {
  const cloud = await LocalCloud.start({ workspaceRoot: dataDir, dataDir, port: 0, quiet: true, delayScale: 0.01 }, { catalog: catalogOf(definitions) });
  const test: TestCloud = {
    cloud,
    dataDir,
    client: { endpoint: cloud.endpoint, region: cloud.config.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    async restart() {
      await cloud.stop();
      return startTestCloud(definitions, dataDir);
    },
    async provision(type, logicalId, properties, stack = 'TestStack') {
      const owner = definitions.find((d) => (d.resourceTypes as readonly string[]).includes(type));
      const instance = owner && cloud.instance(owner.name);
      const provisioner = instance?.resources[type];
      if (!provisioner) throw new Error(`No service under test provisions ${type}`);
      const resource: ResolvedResource = {
        stack,
        logicalId,
        type,
        properties,
        path: `${stack}/${logicalId}`,
        assemblyDir: dataDir,
        asset: () => undefined,
        physicalName: (options) => physicalName(stack, logicalId, options),
      };
      const provisioned = await provisioner(resource, cloud);
      cloud.resources.add({
        stack,
        logicalId,
        type,
        owner: owner!.name,
        ref: provisioned.ref,
        arn: provisioned.arn,
        attributes: provisioned.attributes ?? {},
        properties,
        path: resource.path,
      });
      return provisioned;
    },
    async dispose() {
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}

/** A Lambda stand-in for services that invoke functions (SNS, Firehose): `Invoke` runs the given function. */
export function lambdaStub(invoke: (input: InvocationRequest) => InvocationResponse | Promise<InvocationResponse>): ServiceDefinition {
  return defineService({
    name: 'lambda',
    signingName: 'lambda',
    protocol: 'restJson1',
    sdk: () => require('@aws-sdk/client-lambda') as SdkModule,
    resourceTypes: [],
    create: () => ({ resources: {}, operations: { Invoke: invoke } }),
  });
}
