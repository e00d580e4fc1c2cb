import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SECRET_NAMES, SlackSecretSchema, TwitterSecretSchema, WebhookSecretSchema } from '@sma/contracts';
import { readFileSync, writeFileSync } from 'node:fs';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { generatePassword, secretsManagerService, type SecretsManagerInstance } from './index';

let env: TestCloud;
let sm: SecretsManagerClient;
const file = () => (env.cloud.instance('secretsmanager') as SecretsManagerInstance).secretsFile;
const readFile = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  env = await startTestCloud([secretsManagerService]);
  sm = new SecretsManagerClient(env.client);
});
afterAll(() => env.dispose());

describe('Secrets Manager', () => {
  it('creates the local secrets file on first run with development values valid against the contracts', () => {
    expect(file()).toBe(`${env.dataDir}/secrets.json`);
    const values = readFile();
    expect(Object.keys(values).sort()).toEqual(Object.values(SECRET_NAMES).sort());
    expect(() => TwitterSecretSchema.parse(values[SECRET_NAMES.twitter])).not.toThrow();
    expect(() => SlackSecretSchema.parse(values[SECRET_NAMES.slack])).not.toThrow();
    expect(WebhookSecretSchema.parse(values[SECRET_NAMES.webhook]).sources).toHaveProperty('local-dev');
  });

  it('answers GetSecretValue for the SDK and Powertools Parameters (what the handlers use)', async () => {
    const out = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.slack }));
    expect(out).toMatchObject({ Name: 'sma/slack', ARN: expect.stringMatching(/^arn:aws:secretsmanager:eu-west-1:000000000000:secret:sma\/slack-[A-Za-z0-9]{6}$/), VersionStages: ['AWSCURRENT'] });
    expect(JSON.parse(out.SecretString!)).toEqual(readFile()[SECRET_NAMES.slack]);
    const provider = new SecretsProvider({ clientConfig: env.client });
    const viaPowertools = await provider.get(SECRET_NAMES.webhook, { transform: 'json' });
    expect(viaPowertools).toEqual(readFile()[SECRET_NAMES.webhook]);
    // By ARN, and by the ARN without its random suffix.
    expect((await sm.send(new GetSecretValueCommand({ SecretId: out.ARN }))).Name).toBe('sma/slack');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: out.ARN!.slice(0, -7) }))).Name).toBe('sma/slack');
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'sma/nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('picks up a hand edit of the file as a new current version, keeping the previous one', async () => {
    const before = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.twitter }));
    const values = readFile();
    values[SECRET_NAMES.twitter] = { ...(values[SECRET_NAMES.twitter] as object), consumerSecret: 'edited-by-hand' };
    writeFileSync(file(), JSON.stringify(values, null, 2));
    const after = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.twitter }));
    expect(JSON.parse(after.SecretString!).consumerSecret).toBe('edited-by-hand');
    expect(after.VersionId).not.toBe(before.VersionId);
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.twitter, VersionStage: 'AWSPREVIOUS' }));
    expect(previous.SecretString).toBe(before.SecretString);
    const { VersionIdsToStages } = await sm.send(new DescribeSecretCommand({ SecretId: SECRET_NAMES.twitter }));
    expect(VersionIdsToStages).toEqual({ [before.VersionId!]: ['AWSPREVIOUS'], [after.VersionId!]: ['AWSCURRENT'] });
  });

  it('writes API changes through to the file (create, put, delete with recovery, restore)', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'app/plain', SecretString: 'not json', Description: 'a text secret' }));
    expect(readFile()['app/plain']).toBe('not json');
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'app/plain', SecretString: '{"a":1}' }));
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    expect(readFile()['app/plain']).toEqual({ a: 1 });
    await expect(sm.send(new CreateSecretCommand({ Name: 'app/plain', SecretString: 'x' }))).rejects.toMatchObject({ name: 'ResourceExistsException' });
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: 'app/plain', RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate!.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    expect(readFile()).not.toHaveProperty('app/plain');
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'app/plain' }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
    expect((await sm.send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name)).not.toContain('app/plain');
    await sm.send(new RestoreSecretCommand({ SecretId: 'app/plain' }));
    expect(JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'app/plain' }))).SecretString!)).toEqual({ a: 1 });
    const listed = await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['app/'] }] }));
    expect(listed.SecretList!.map((s) => [s.Name, s.Description])).toEqual([['app/plain', 'a text secret']]);
  });

  it('creates template secrets when absent, generated as CloudFormation does', async () => {
    const { ref } = await env.provision('AWS::SecretsManager::Secret', 'DbPassword', {
      Name: 'app/db',
      GenerateSecretString: { SecretStringTemplate: '{"username":"admin"}', GenerateStringKey: 'password', PasswordLength: 20, ExcludePunctuation: true },
    });
    expect(ref).toMatch(/secret:app\/db-/);
    const value = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString!) as { username: string; password: string };
    expect(value.username).toBe('admin');
    expect(value.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(generatePassword({ PasswordLength: 40, ExcludeCharacters: 'abc' })).not.toMatch(/[abc]/);
  });

  it('keeps versions and values across a restart', async () => {
    const before = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.twitter }));
    env = await env.restart();
    sm = new SecretsManagerClient(env.client);
    const after = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.twitter }));
    expect(after.VersionId).toBe(before.VersionId);
    expect(after.SecretString).toBe(before.SecretString);
  });
});
