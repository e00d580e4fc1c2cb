import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretInvalidError, SecretUnavailableError } from '../errors';
import { secretReader } from './secrets';

const secretsManager = mockClient(SecretsManagerClient);
beforeEach(() => secretsManager.reset());
const reader = () => secretReader(new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient({}) }), 'slack', 300);

describe('secretReader', () => {
  it('reads the secret by its contracts name, checks it, and caches it', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'sma/slack' }).resolves({ SecretString: '{"signingSecret":"s","botToken":"xoxb-1"}' });
    const read = reader();
    expect(await read()).toEqual({ signingSecret: 's', botToken: 'xoxb-1' });
    await read();
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('names the missing fields of a malformed secret but never its values', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: '{"botToken":"xoxb-very-secret"}' });
    const error = (await reader()().catch((e: unknown) => e)) as SecretInvalidError;
    expect(error).toBeInstanceOf(SecretInvalidError);
    expect(error.message).toContain('signingSecret');
    expect(error.message).not.toContain('xoxb-very-secret');
  });

  it('refuses a secret that is not JSON without echoing it', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'plain-text-secret' });
    const error = (await reader()().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SecretInvalidError);
    expect(error.message).not.toContain('plain-text-secret');
  });

  it('wraps a Secrets Manager failure as SecretUnavailableError, keeping the cause', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    const error = (await reader()().catch((e: unknown) => e)) as SecretUnavailableError;
    expect(error).toBeInstanceOf(SecretUnavailableError);
    expect(error.secretName).toBe('sma/slack');
    expect(error.cause).toBeDefined();
  });
});
