import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogOf, type ServiceCatalog } from '../core/catalog';
import { IntrinsicError, TemplateError, UnsupportedResourceTypeError } from '../core/errors';
import { LocalCloud } from '../core/runtime';
import { defineService, type ResolvedResource } from '../core/service';
import { chooseEnvironment, readAssembly, type StackArtifact } from './assembly';
import { orderResources } from './load';
import { stackLoader } from './index';

const fixture = join(__dirname, '__fixtures__', 'demo.out');

/** A stand-in service owning the fixture's Test:: types, recording what it was given. */
function testCatalog(seen: ResolvedResource[]): ServiceCatalog {
  return catalogOf({
    ssm: defineService({
      name: 'ssm',
      signingName: 'ssm',
      protocol: 'awsJson1_1',
      targetPrefix: 'AmazonSSM',
      sdk: () => require('@aws-sdk/client-ssm'),
      resourceTypes: ['Test::Queue', 'Test::Table', 'Test::Function'],
      create: () => ({
        operations: {},
        resources: {
          'Test::Queue': (r) => {
            seen.push(r);
            return { ref: `https://queue/${String(r.properties['QueueName'])}`, arn: `arn:aws:sqs:eu-west-1:000000000000:${String(r.properties['QueueName'])}` };
          },
          'Test::Table': (r) => {
            seen.push(r);
            return { ref: String(r.properties['Name']), attributes: { StreamArn: `arn:stream/${String(r.properties['Name'])}` } };
          },
          'Test::Function': (r) => {
            seen.push(r);
            return { ref: r.physicalName({ maxLength: 64 }) };
          },
        },
      }),
    }),
  });
}

async function start(stacks: StackArtifact[], seen: ResolvedResource[] = []) {
  return LocalCloud.start(
    { workspaceRoot: mkdtempSync(join(tmpdir(), 'lc-loader-')), port: 0, quiet: true },
    { catalog: testCatalog(seen), loader: stackLoader(stacks) },
  );
}

describe('readAssembly', () => {
  it('reads stacks, their environment, dependencies and asset keys', () => {
    const stacks = readAssembly(fixture);
    expect(stacks.map((s) => s.stackName)).toEqual(['Base', 'App']);
    const app = stacks[1]!;
    expect(app).toMatchObject({ region: undefined, account: undefined, dependencies: ['Base'] });
    expect(app.assets.get('abc123.zip')).toBe(join(fixture, 'asset.abc123'));
  });

  it('takes the stacks’ pinned region, and refuses contradictions', () => {
    const [base, app] = readAssembly(fixture) as [StackArtifact, StackArtifact];
    expect(chooseEnvironment([base, app], { region: 'eu-west-1' })).toEqual({ region: 'eu-west-1', accountId: undefined });
    const pinned = { ...app, region: 'us-east-1' };
    expect(chooseEnvironment([base, pinned], {})).toEqual({ region: 'us-east-1', accountId: undefined });
    expect(() => chooseEnvironment([pinned, { ...base, region: 'eu-west-2' }], {})).toThrow(/different regions/);
    expect(() => chooseEnvironment([pinned], { region: 'eu-west-1' })).toThrow(/synthesized for region us-east-1/);
  });
});

describe('loadStacks', () => {
  it('resolves every intrinsic the stacks use, in dependency order, skipping false conditions', async () => {
    const seen: ResolvedResource[] = [];
    const cloud = await start(readAssembly(fixture), seen);
    try {
      expect(seen.map((r) => `${r.stack}/${r.logicalId}`)).toEqual(['Base/Queue', 'App/Table', 'App/Fn']);
      const fn = seen[2]!;
      expect(fn.properties['Code']).toEqual({ S3Bucket: 'cdk-hnb659fds-assets-000000000000-eu-west-1', S3Key: 'abc123.zip' });
      expect(fn.asset('abc123.zip')).toBe(join(fixture, 'asset.abc123'));
      expect(fn.properties['Role']).toMatch(/^arn:aws:iam::000000000000:role\/App-Role-[A-Z0-9]{13}$/);
      expect((fn.properties['Environment'] as { Variables: unknown }).Variables).toEqual({
        QUEUE_ARN: 'arn:aws:sqs:eu-west-1:000000000000:base-queue',
        TABLE: 'App-table',
        STREAM: 'arn:stream/App-table',
        JOINED: 'arn:aws:sqs:eu-west-1:000000000000:q',
        SUBBED: 'App-table/arn:stream/App-table/local/${Literal}/amazonaws.com',
        SECOND_ZONE: 'b',
        SPLIT_LAST: 'c',
        MEMORY: 256,
        IF: 'yes',
        STACK: 'App',
      });
      expect(cloud.resources.get('App', 'ProdOnly')).toBeUndefined();
      expect(cloud.resources.get('App', 'Metadata')?.owner).toBe('inert');
      expect(cloud.resources.byArn('arn:aws:sqs:us-east-1:000000000000:base-queue')?.logicalId).toBe('Queue');
    } finally {
      await cloud.stop();
    }
  });

  it('generates deterministic physical names within the length limit', async () => {
    const seen: ResolvedResource[] = [];
    const cloud = await start(readAssembly(fixture), seen);
    await cloud.stop();
    const name = seen[2]!.physicalName({ maxLength: 20 });
    expect(name).toHaveLength(20);
    expect(name).toBe(seen[2]!.physicalName({ maxLength: 20 }));
    expect(seen[2]!.physicalName({ lowercase: true })).toMatch(/^app-fn-[a-z0-9]{13}$/);
  });

  it('refuses an unknown resource type before provisioning anything, naming stack, resource and type', async () => {
    const [base, app] = readAssembly(fixture) as [StackArtifact, StackArtifact];
    const bad = { ...app, template: { ...app.template, Resources: { ...app.template.Resources, Cluster: { Type: 'AWS::ECS::Cluster' } } } };
    const seen: ResolvedResource[] = [];
    const err = await start([base, bad], seen).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedResourceTypeError);
    expect((err as Error).message).toMatch(/Stack App, resource Cluster: resource type AWS::ECS::Cluster is not supported/);
    expect(seen).toEqual([]);
  });

  it('names the stack, resource and intrinsic of an unsupported function or a dangling reference', async () => {
    const [base, app] = readAssembly(fixture) as [StackArtifact, StackArtifact];
    const withTransform = {
      ...app,
      template: { ...app.template, Resources: { T: { Type: 'Test::Table', Properties: { Name: { 'Fn::Transform': { Name: 'x' } } } } } },
    };
    const err = await start([base, withTransform]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntrinsicError);
    expect((err as Error).message).toBe(
      'Stack App, resource T: Fn::Transform: is not supported by the local cloud (supported: Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue, Fn::If, Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::Contains)',
    );
    const dangling = { ...app, template: { ...app.template, Resources: { T: { Type: 'Test::Table', Properties: { Name: { 'Fn::ImportValue': 'Nope' } } } } } };
    await expect(start([base, dangling])).rejects.toThrow('Stack App, resource T: Fn::ImportValue: no loaded stack exports "Nope"');
  });

  it('detects circular references', () => {
    expect(() =>
      orderResources('S', {
        Resources: { A: { Type: 'T', Properties: { x: { Ref: 'B' } } }, B: { Type: 'T', Properties: { y: { 'Fn::GetAtt': ['A', 'Arn'] } } } },
      }),
    ).toThrow(TemplateError);
  });
});
