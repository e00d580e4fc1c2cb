/**
 * Resource types with no runtime meaning in the local cloud: permissions,
 * encryption keys, alarms, dashboards, schemas, deployment bookkeeping. They are
 * registered (so `Ref`/`Fn::GetAtt` on them resolve to what AWS would return) but
 * nothing runs them. Every type here is listed on purpose, with why; a type neither
 * here nor claimed by a service stops start-up.
 */
import { stableHash } from '../core/ids';
import type { ProvisionedResource, ResolvedResource } from '../core/service';

interface Env {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

type Inert = (r: ResolvedResource, env: Env) => ProvisionedResource;

const arn = (env: Env, service: string, resource: string) => `arn:${env.partition}:${service}:${env.region}:${env.accountId}:${resource}`;

const uuid = (r: ResolvedResource) => {
  const h = stableHash([r.stack, r.logicalId], 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const str = (r: ResolvedResource, key: string): string | undefined => {
  const v = r.properties[key];
  return typeof v === 'string' ? v : undefined;
};

/** Why each type is inert, and what `Ref` / `Fn::GetAtt` give. */
export const INERT_RESOURCE_TYPES: Readonly<Record<string, { readonly why: string; readonly provision: Inert }>> = {
  'AWS::CDK::Metadata': { why: 'CDK usage metadata', provision: (r) => ({ ref: r.logicalId }) },
  'AWS::IAM::Role': {
    why: 'no IAM locally: every call is allowed',
    provision: (r, env) => {
      const name = str(r, 'RoleName') ?? r.physicalName({ maxLength: 64 });
      const path = str(r, 'Path') ?? '/';
      return { ref: name, arn: `arn:${env.partition}:iam::${env.accountId}:role${path}${name}`, attributes: { Arn: `arn:${env.partition}:iam::${env.accountId}:role${path}${name}`, RoleId: `AROA${stableHash([r.stack, r.logicalId], 17).toUpperCase()}` } };
    },
  },
  'AWS::IAM::Policy': { why: 'no IAM locally', provision: (r) => ({ ref: str(r, 'PolicyName') ?? r.physicalName({ maxLength: 128 }) }) },
  'AWS::IAM::ManagedPolicy': {
    why: 'no IAM locally',
    provision: (r, env) => {
      const a = `arn:${env.partition}:iam::${env.accountId}:policy/${str(r, 'ManagedPolicyName') ?? r.physicalName({ maxLength: 128 })}`;
      return { ref: a, arn: a, attributes: { PolicyArn: a } };
    },
  },
  'AWS::IAM::InstanceProfile': { why: 'no IAM locally', provision: (r) => ({ ref: r.physicalName() }) },
  'AWS::KMS::Key': {
    why: 'data at rest is not encrypted locally',
    provision: (r, env) => {
      const id = uuid(r);
      return { ref: id, arn: arn(env, 'kms', `key/${id}`), attributes: { Arn: arn(env, 'kms', `key/${id}`), KeyId: id } };
    },
  },
  'AWS::KMS::Alias': { why: 'data at rest is not encrypted locally', provision: (r) => ({ ref: str(r, 'AliasName') ?? r.logicalId }) },
  'AWS::CloudWatch::Alarm': {
    why: 'no metrics are evaluated locally (the console shows the data the alarms watch)',
    provision: (r, env) => {
      const name = str(r, 'AlarmName') ?? r.physicalName({ maxLength: 255 });
      return { ref: name, arn: arn(env, 'cloudwatch', `alarm:${name}`), attributes: { Arn: arn(env, 'cloudwatch', `alarm:${name}`) } };
    },
  },
  'AWS::CloudWatch::CompositeAlarm': {
    why: 'no metrics are evaluated locally',
    provision: (r, env) => {
      const name = str(r, 'AlarmName') ?? r.physicalName({ maxLength: 255 });
      return { ref: name, attributes: { Arn: arn(env, 'cloudwatch', `alarm:${name}`) } };
    },
  },
  'AWS::CloudWatch::Dashboard': { why: 'dashboards are AWS console views', provision: (r) => ({ ref: str(r, 'DashboardName') ?? r.physicalName({ maxLength: 255 }) }) },
  'AWS::Logs::MetricFilter': { why: 'no metrics are computed locally', provision: (r) => ({ ref: str(r, 'FilterName') ?? r.physicalName({ maxLength: 512 }) }) },
  'AWS::Logs::ResourcePolicy': { why: 'no IAM locally', provision: (r) => ({ ref: str(r, 'PolicyName') ?? r.logicalId }) },
  'AWS::EventSchemas::Registry': {
    why: 'the schema registry is documentation; the contracts validate in code',
    provision: (r, env) => {
      const name = str(r, 'RegistryName') ?? r.physicalName();
      const a = arn(env, 'schemas', `registry/${name}`);
      return { ref: a, arn: a, attributes: { RegistryArn: a, RegistryName: name } };
    },
  },
  'AWS::EventSchemas::Schema': {
    why: 'the schema registry is documentation; the contracts validate in code',
    provision: (r, env) => {
      const name = str(r, 'SchemaName') ?? r.physicalName();
      const a = arn(env, 'schemas', `schema/${str(r, 'RegistryName') ?? 'default'}/${name}`);
      return { ref: a, arn: a, attributes: { SchemaArn: a, SchemaName: name, SchemaVersion: '1' } };
    },
  },
  'AWS::Lambda::Permission': { why: 'no IAM locally: every principal may invoke', provision: (r) => ({ ref: r.physicalName() }) },
  'AWS::ApiGateway::Account': { why: 'account-wide API Gateway logging role', provision: (r) => ({ ref: r.physicalName() }) },
  'AWS::SQS::QueuePolicy': { why: 'no IAM locally', provision: (r) => ({ ref: r.physicalName() }) },
  'AWS::SNS::TopicPolicy': { why: 'no IAM locally', provision: (r) => ({ ref: r.physicalName() }) },
  'AWS::S3::BucketPolicy': { why: 'no IAM locally', provision: (r) => ({ ref: r.physicalName() }) },
  'AWS::Events::EventBusPolicy': { why: 'no IAM locally', provision: (r) => ({ ref: str(r, 'StatementId') ?? r.logicalId }) },
  'AWS::XRay::Group': { why: 'no tracing backend locally', provision: (r, env) => ({ ref: arn(env, 'xray', `group/${str(r, 'GroupName') ?? r.logicalId}`) }) },
  'AWS::Lambda::Version': {
    why: 'the local cloud runs $LATEST; versions resolve to it',
    provision: (r, env) => {
      const fn = str(r, 'FunctionName') ?? '';
      const a = fn.startsWith('arn:') ? `${fn}:1` : arn(env, 'lambda', `function:${fn}:1`);
      return { ref: a, arn: a, attributes: { Version: '1', FunctionArn: a } };
    },
  },
};
