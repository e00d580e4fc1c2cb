/**
 * Secrets Manager (awsJson1.1, `secretsmanager.*`) over the local secrets
 * file. On the first run the file is created with development values for
 * every secret of `@sma/contracts` (each valid against its schema); its path
 * is logged and available as `secretsFile`. Secrets declared in templates
 * (`AWS::SecretsManager::Secret`) are added when absent, generated as
 * CloudFormation would.
 */
import { randomInt } from 'node:crypto';
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { checkAgainstContracts, generateDevSecrets } from './dev-values';
import {
  batchGetSecretValue,
  createSecret,
  deleteSecret,
  describeSecret,
  getSecretValue,
  listSecrets,
  putSecretValue,
  restoreSecret,
  secretArn,
  updateSecret,
  type SecretsContext,
} from './operations';
import { SecretStore } from './store';

export { DEV_WEBHOOK_SOURCE, generateDevSecrets } from './dev-values';
export * from './errors';

export interface SecretsManagerInstance extends ServiceInstance<'AWS::SecretsManager::Secret'> {
  /** The file the user edits to change local secret values. */
  readonly secretsFile: string;
}

interface GenerateSecretString {
  readonly SecretStringTemplate?: string;
  readonly GenerateStringKey?: string;
  readonly PasswordLength?: number | string;
  readonly ExcludeCharacters?: string;
  readonly ExcludeLowercase?: boolean | string;
  readonly ExcludeUppercase?: boolean | string;
  readonly ExcludeNumbers?: boolean | string;
  readonly ExcludePunctuation?: boolean | string;
  readonly IncludeSpace?: boolean | string;
}

const yes = (v: boolean | string | undefined) => v === true || v === 'true';

/** A random password as CloudFormation's GenerateSecretString makes one. */
export function generatePassword(spec: GenerateSecretString): string {
  const pools = [
    yes(spec.ExcludeLowercase) ? '' : 'abcdefghijklmnopqrstuvwxyz',
    yes(spec.ExcludeUppercase) ? '' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    yes(spec.ExcludeNumbers) ? '' : '0123456789',
    yes(spec.ExcludePunctuation) ? '' : '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
    yes(spec.IncludeSpace) ? ' ' : '',
  ].map((p) => [...p].filter((c) => !(spec.ExcludeCharacters ?? '').includes(c)).join(''));
  const all = pools.join('');
  if (all === '') throw new Error('GenerateSecretString excludes every character');
  const length = Number(spec.PasswordLength ?? 32);
  // One of each included type first, as RequireEachIncludedType (the default) asks, then shuffled.
  const chars = pools.filter((p) => p !== '').map((p) => p[randomInt(p.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  const password = chars.slice(0, length).join('');
  if (!spec.SecretStringTemplate || !spec.GenerateStringKey) return password;
  return JSON.stringify({ ...(JSON.parse(spec.SecretStringTemplate) as Record<string, unknown>), [spec.GenerateStringKey]: password });
}

export const secretsManagerService = defineService({
  name: 'secretsmanager',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  targetPrefix: 'secretsmanager',
  sdk: () => require('@aws-sdk/client-secrets-manager') as SdkModule,
  resourceTypes: ['AWS::SecretsManager::Secret'],
  create: (cloud: Cloud): SecretsManagerInstance => {
    const store = SecretStore.at(cloud.config.dataDir, cloud.dataDir('secretsmanager'));
    const log = cloud.log.child('secretsmanager');
    if (!store.exists()) {
      store.writeFile(generateDevSecrets() as Record<string, never>);
      log.info(`created the local secrets file with development values: ${store.file} (edit it to use your own)`);
    } else {
      log.info(`local secrets: ${store.file}`);
      for (const problem of checkAgainstContracts(store.fileValues())) log.warn(`local secrets file: ${problem}`);
    }
    const ctx: SecretsContext = { store, region: cloud.config.region, account: cloud.config.accountId };
    return {
      secretsFile: store.file,
      operations: {
        GetSecretValue: (input) => getSecretValue(ctx, input),
        BatchGetSecretValue: (input) => batchGetSecretValue(ctx, input),
        DescribeSecret: (input) => describeSecret(ctx, input),
        ListSecrets: (input) => listSecrets(ctx, input),
        CreateSecret: (input) => createSecret(ctx, input),
        PutSecretValue: (input) => putSecretValue(ctx, input),
        UpdateSecret: (input) => updateSecret(ctx, input),
        DeleteSecret: (input) => deleteSecret(ctx, input),
        RestoreSecret: (input) => restoreSecret(ctx, input),
      },
      resources: {
        'AWS::SecretsManager::Secret': async (resource: ResolvedResource) => {
          const p = resource.properties as { Name?: string; Description?: string; SecretString?: string; GenerateSecretString?: GenerateSecretString; KmsKeyId?: string; Tags?: Array<{ Key: string; Value: string }> };
          const name = p.Name ?? `${resource.logicalId}-${resource.physicalName({ maxLength: 64 }).split('-').pop()}`;
          store.refresh();
          if (!store.all().some((r) => r.name === name)) {
            // A value the user put in the secrets file wins; otherwise the template's (or a generated one).
            const secretString = p.SecretString ?? generatePassword(p.GenerateSecretString ?? {});
            await createSecret(ctx, {
              Name: name,
              SecretString: secretString,
              ...(p.Description !== undefined ? { Description: p.Description } : {}),
              ...(p.KmsKeyId ? { KmsKeyId: p.KmsKeyId } : {}),
              ...(p.Tags ? { Tags: p.Tags } : {}),
            });
          }
          const arn = secretArn(ctx, name);
          return { ref: arn, arn, attributes: { Id: arn } };
        },
      },
      start() {
        store.purgeExpired();
      },
    };
  },
});
