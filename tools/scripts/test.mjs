#!/usr/bin/env node
// `npm test`: every check CI runs, on a fresh clone, with nothing but the npm registry.
// Lint (module boundaries included), type-check, unit and stack tests, synth of every
// stack (which builds every Lambda bundle first), then the local-cloud end-to-end tests
// that run those very templates and bundles.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_SKIP_NX_CACHE: process.env.CI ? 'true' : process.env.NX_SKIP_NX_CACHE ?? '',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['lint', 'typecheck', 'test', 'synth', 'e2e'];
const result = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', ...targets, '--parallel=2', '--output-style=stream-without-prefixes'],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
