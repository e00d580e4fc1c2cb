/**
 * The local cloud's configuration. Every value has a default; `resolveConfig`
 * fills them in and validates what it is given.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './errors';

export interface CloudConfig {
  /** Interface the endpoint listens on. @default '127.0.0.1' */
  readonly host: string;
  /** Port of the AWS-compatible endpoint (0 picks a free one). @default 4566 */
  readonly port: number;
  /** Port of the local HTTPS media host (0 picks a free one). @default 4567 */
  readonly mediaPort: number;
  /**
   * Port of the local X API (`/2/…`) and Slack Web API (`/api/…`): an origin of their
   * own, so clients see the platforms' own paths. (0 picks a free one.) @default 4568
   */
  readonly platformsPort: number;
  /** Region used for `AWS::Region` and every ARN when the templates do not pin one. @default 'eu-west-1' */
  readonly region: string;
  /** Account used for `AWS::AccountId` and every ARN. @default '000000000000' */
  readonly accountId: string;
  readonly partition: string;
  readonly urlSuffix: string;
  /** The Nx workspace root (holds `dist/apps/<app>/cdk.out`). */
  readonly workspaceRoot: string;
  /** Where everything persists. @default `<workspaceRoot>/.local-cloud` */
  readonly dataDir: string;
  /** Cloud assembly folders to load. @default every `dist/apps/<app>/cdk.out` */
  readonly assemblies: readonly string[] | undefined;
  /** Per-function environment overlay file. @default `<workspaceRoot>/tools/local-cloud/local-overrides.json` */
  readonly overridesFile: string;
  /**
   * Multiplies every retry/backoff delay of the emulated services (EventBridge,
   * Lambda async retries). 1 is AWS's timing; tests use a small value.
   * @default 1
   */
  readonly delayScale: number;
  /** Quiet start-up and request logs. @default false */
  readonly quiet: boolean;
  /**
   * Concurrent execution environments per Lambda function that reserves none (a laptop is
   * not an account with 1,000). @default 4
   */
  readonly lambdaConcurrency: number;
}

export type CloudConfigInput = Partial<CloudConfig> & { readonly workspaceRoot: string };

/** Fills in defaults and checks the values. */
export function resolveConfig(input: CloudConfigInput): CloudConfig {
  const root = resolve(input.workspaceRoot);
  const dataDir = input.dataDir ? (isAbsolute(input.dataDir) ? input.dataDir : join(root, input.dataDir)) : join(root, '.local-cloud');
  const config: CloudConfig = {
    host: input.host ?? '127.0.0.1',
    port: input.port ?? 4566,
    mediaPort: input.mediaPort ?? 4567,
    platformsPort: input.platformsPort ?? 4568,
    region: input.region ?? 'eu-west-1',
    accountId: input.accountId ?? '000000000000',
    partition: input.partition ?? 'aws',
    urlSuffix: input.urlSuffix ?? 'amazonaws.com',
    workspaceRoot: root,
    dataDir,
    assemblies: input.assemblies,
    overridesFile: input.overridesFile ?? join(root, 'tools', 'local-cloud', 'local-overrides.json'),
    delayScale: input.delayScale ?? 1,
    quiet: input.quiet ?? false,
    lambdaConcurrency: input.lambdaConcurrency ?? 4,
  };
  for (const [name, port] of [['port', config.port], ['mediaPort', config.mediaPort], ['platformsPort', config.platformsPort]] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name} must be an integer 0–65535, got ${port}`);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(config.region)) throw new ConfigError(`region "${config.region}" is not an AWS region name`);
  if (!/^\d{12}$/.test(config.accountId)) throw new ConfigError(`accountId must be 12 digits, got "${config.accountId}"`);
  if (!(config.delayScale > 0)) throw new ConfigError(`delayScale must be positive, got ${config.delayScale}`);
  if (!Number.isInteger(config.lambdaConcurrency) || config.lambdaConcurrency < 1) throw new ConfigError(`lambdaConcurrency must be a positive integer, got ${config.lambdaConcurrency}`);
  return config;
}
