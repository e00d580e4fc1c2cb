/**
 * Loads stacks into the local cloud the way CloudFormation deploys them: stacks in
 * dependency order; in each, conditions evaluated, resources ordered by their
 * references (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`), each resource's
 * properties resolved and handed to the service that owns its type, whose `Ref` and
 * attributes the later resources then resolve against; outputs exported last.
 *
 * Every type is checked before anything is provisioned: an unknown type stops
 * start-up with the stack, resource and type named.
 */
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { TemplateError, UnsupportedResourceTypeError } from '../core/errors';
import { physicalName } from '../core/ids';
import type { RegisteredResource } from '../core/registry';
import type { LocalCloud } from '../core/runtime';
import type { ProvisionedResource, ResolvedResource, ResourceProvisioner, ServiceName } from '../core/service';
import type { StackArtifact, Template } from './assembly';
import { referencedIds, resolveValue, type IntrinsicScope } from './intrinsics';
import { INERT_RESOURCE_TYPES } from './resource-types';

interface Owner {
  readonly service: ServiceName | 'inert';
  readonly provision: ResourceProvisioner;
}

/** Which service provisions each resource type (services' declared types plus the inert ones). */
export function resourceOwners(cloud: LocalCloud): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  const env = { region: cloud.config.region, accountId: cloud.config.accountId, partition: cloud.config.partition };
  for (const [type, inert] of Object.entries(INERT_RESOURCE_TYPES)) {
    owners.set(type, { service: 'inert', provision: (r) => inert.provision(r, env) });
  }
  for (const host of cloud.hosts.values()) {
    for (const type of host.definition.resourceTypes) {
      const existing = owners.get(type);
      if (existing) {
        throw new TemplateError('(catalog)', undefined, `resource type ${type} is claimed by both ${existing.service} and ${host.name}`);
      }
      const provision = (host.instance.resources as Record<string, ResourceProvisioner>)[type];
      if (!provision) throw new TemplateError('(catalog)', undefined, `${host.name} declares ${type} but has no provisioner for it`);
      owners.set(type, { service: host.name, provision });
    }
  }
  return owners;
}

/** CloudFormation type namespaces of the services, to name the missing one in the error. */
const TYPE_NAMESPACES: Readonly<Record<string, ServiceName>> = {
  Lambda: 'lambda',
  ApiGateway: 'apigateway',
  StepFunctions: 'states',
  Events: 'events',
  S3: 's3',
  DynamoDB: 'dynamodb',
  SQS: 'sqs',
  SNS: 'sns',
  KinesisFirehose: 'firehose',
  Logs: 'logs',
  SecretsManager: 'secretsmanager',
  SSM: 'ssm',
  Athena: 'athena',
  Glue: 'glue',
  Lex: 'lex',
};

function serviceOfType(type: string, cloud: LocalCloud): ServiceName | undefined {
  const service = TYPE_NAMESPACES[type.split('::')[1] ?? ''];
  return service && !cloud.hosts.has(service) ? service : undefined;
}

/** Orders stacks so that each comes after the stacks it depends on (manifest dependencies), else by name. */
export function orderStacks(stacks: readonly StackArtifact[]): StackArtifact[] {
  const byId = new Map(stacks.map((s) => [s.artifactId, s]));
  const done = new Set<string>();
  const out: StackArtifact[] = [];
  const visit = (s: StackArtifact, path: string[]) => {
    if (done.has(s.artifactId)) return;
    if (path.includes(s.artifactId)) throw new TemplateError(s.stackName, undefined, `stack dependency cycle: ${[...path, s.artifactId].join(' → ')}`);
    for (const dep of s.dependencies) {
      const d = byId.get(dep);
      if (d) visit(d, [...path, s.artifactId]);
    }
    done.add(s.artifactId);
    out.push(s);
  };
  for (const s of [...stacks].sort((a, b) => a.stackName.localeCompare(b.stackName))) visit(s, []);
  return out;
}

/** Orders a template's resources so that each comes after what it references. */
export function orderResources(stack: string, template: Template): string[] {
  const resources = template.Resources;
  const deps = new Map<string, string[]>();
  for (const [id, r] of Object.entries(resources)) {
    const refs = referencedIds(r.Properties ?? {});
    for (const d of typeof r.DependsOn === 'string' ? [r.DependsOn] : (r.DependsOn ?? [])) refs.add(d);
    deps.set(id, [...refs].filter((x) => x in resources && x !== id));
    for (const d of typeof r.DependsOn === 'string' ? [r.DependsOn] : (r.DependsOn ?? [])) {
      if (!(d in resources)) throw new TemplateError(stack, id, `DependsOn names ${d}, which is not a resource of the stack`);
    }
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') throw new TemplateError(stack, id, `circular dependency: ${[...path, id].join(' → ')}`);
    state.set(id, 'visiting');
    for (const d of deps.get(id)!) visit(d, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(resources)) visit(id, []);
  return order;
}

/** Loads the given stacks (already read from their assemblies) into the cloud. */
export async function loadStacks(cloud: LocalCloud, stacks: readonly StackArtifact[]): Promise<void> {
  const owners = resourceOwners(cloud);
  for (const s of stacks) {
    for (const [id, r] of Object.entries(s.template.Resources)) {
      if (!owners.has(r.Type)) throw new UnsupportedResourceTypeError(s.stackName, id, r.Type, serviceOfType(r.Type, cloud));
    }
  }
  const exports = new Map<string, unknown>();
  for (const stack of orderStacks(stacks)) {
    await loadStack(cloud, stack, owners, exports);
  }
}

async function loadStack(cloud: LocalCloud, stack: StackArtifact, owners: Map<string, Owner>, exports: Map<string, unknown>): Promise<void> {
  const { template, stackName } = stack;
  const { region, accountId, partition, urlSuffix } = cloud.config;
  const provisioned = new Map<string, ProvisionedResource>();
  const parameters = await resolveParameters(cloud, stack);
  const conditionCache = new Map<string, boolean>();

  const scopeAt = (at: string | undefined): IntrinsicScope => ({
    stack: stackName,
    at,
    region,
    accountId,
    partition,
    urlSuffix,
    ref: (name) => provisioned.get(name)?.ref ?? parameters.get(name),
    getAtt: (id, attr) => {
      const p = provisioned.get(id);
      if (!p) return undefined;
      if (p.attributes && attr in p.attributes) return p.attributes[attr];
      if (attr === 'Arn' && p.arn) return p.arn;
      return undefined;
    },
    importValue: (name) => exports.get(name),
    condition: (name) => {
      const cached = conditionCache.get(name);
      if (cached !== undefined) return cached;
      const expr = template.Conditions?.[name];
      if (expr === undefined) throw new TemplateError(stackName, at, `condition ${name} is not defined in Conditions`);
      const value = resolveValue(expr, scopeAt(`Conditions.${name}`));
      if (typeof value !== 'boolean') throw new TemplateError(stackName, `Conditions.${name}`, `does not evaluate to a boolean (${JSON.stringify(value)})`);
      conditionCache.set(name, value);
      return value;
    },
    findInMap: (m, t, s) => template.Mappings?.[m]?.[t]?.[s],
  });

  for (const id of orderResources(stackName, template)) {
    const r = template.Resources[id]!;
    if (r.Condition && !scopeAt(id).condition(r.Condition)) continue;
    const owner = owners.get(r.Type)!;
    const properties = resolveValue(r.Properties ?? {}, scopeAt(id)) as Record<string, unknown>;
    const resolved: ResolvedResource = {
      stack: stackName,
      logicalId: id,
      type: r.Type,
      properties,
      path: typeof r.Metadata?.['aws:cdk:path'] === 'string' ? r.Metadata['aws:cdk:path'] : undefined,
      assemblyDir: stack.assemblyDir,
      asset: (key) => stack.assets.get(key),
      physicalName: (options) => physicalName(stackName, id, options),
    };
    let result: ProvisionedResource;
    try {
      result = await owner.provision(resolved, cloud);
    } catch (cause) {
      if (cause instanceof TemplateError) throw cause;
      throw new TemplateError(stackName, id, `${r.Type} could not be provisioned by ${owner.service}: ${(cause as Error).message}`, { cause });
    }
    provisioned.set(id, result);
    const registered: RegisteredResource = {
      stack: stackName,
      logicalId: id,
      type: r.Type,
      owner: owner.service,
      ref: result.ref,
      arn: result.arn ?? (typeof result.attributes?.['Arn'] === 'string' ? result.attributes['Arn'] : undefined),
      attributes: result.attributes ?? {},
      properties,
      path: resolved.path,
    };
    cloud.resources.add(registered);
  }

  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !scopeAt(`Outputs.${name}`).condition(output.Condition)) continue;
    if (!output.Export) continue;
    const exportName = resolveValue(output.Export.Name, scopeAt(`Outputs.${name}`));
    if (typeof exportName !== 'string') throw new TemplateError(stackName, `Outputs.${name}`, 'Export.Name must resolve to a string');
    if (exports.has(exportName)) throw new TemplateError(stackName, `Outputs.${name}`, `export ${exportName} is already exported by another stack`);
    exports.set(exportName, resolveValue(output.Value, scopeAt(`Outputs.${name}`)));
  }
  cloud.log.debug(`loaded stack ${stackName}`, { resources: provisioned.size });
}

/**
 * Parameter values: their defaults; `AWS::SSM::Parameter::Value<…>` parameters read
 * from the local SSM service — only those the resources, conditions or outputs use
 * (CDK's `BootstrapVersion` is used by `Rules` alone, which deployments check and the
 * local cloud does not).
 */
async function resolveParameters(cloud: LocalCloud, stack: StackArtifact): Promise<Map<string, unknown>> {
  const { template, stackName } = stack;
  const used = referencedIds([template.Resources, template.Conditions ?? {}, template.Outputs ?? {}]);
  const values = new Map<string, unknown>();
  for (const [name, p] of Object.entries(template.Parameters ?? {})) {
    if (!used.has(name)) continue;
    if (p.Type.startsWith('AWS::SSM::Parameter::Value<')) {
      const parameterName = String(p.Default ?? '');
      try {
        const out = await cloud.send(new GetParameterCommand({ Name: parameterName }));
        values.set(name, out.Parameter?.Value);
      } catch (cause) {
        throw new TemplateError(stackName, `Parameters.${name}`, `SSM parameter ${parameterName} could not be read: ${(cause as Error).message}`, { cause });
      }
      continue;
    }
    if (p.Default === undefined) throw new TemplateError(stackName, `Parameters.${name}`, 'has no Default, and the local cloud takes no parameter values');
    values.set(name, p.Type === 'CommaDelimitedList' || p.Type.startsWith('List<') ? String(p.Default).split(',') : p.Default);
  }
  return values;
}
