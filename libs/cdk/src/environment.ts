import type { Environment } from 'aws-cdk-lib';

/**
 * The account and region a stack deploys to: the CLI's `CDK_DEFAULT_*` when
 * set (real deploys), otherwise environment-agnostic (local synth, tests, and
 * the local cloud, which resolves the pseudo parameters itself).
 */
export function deploymentEnvironment(): Environment {
  const { CDK_DEFAULT_ACCOUNT: account, CDK_DEFAULT_REGION: region } = process.env;
  return { ...(account ? { account } : {}), ...(region ? { region } : {}) };
}
