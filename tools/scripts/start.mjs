#!/usr/bin/env node
// `npm start`: build and synthesize every app (the Lambda bundles and the CloudFormation
// templates the local cloud runs), then start the local cloud in the foreground.
// Options after `--` go to the local cloud: `npm start -- --port 4566 --data-dir .local-cloud`.
// `--skip-synth` starts on the last synthesized templates.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const skipSynth = args.includes('--skip-synth');
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

if (!skipSynth) {
  const synth = spawnSync('npx', ['nx', 'run-many', '-t', 'synth', '--output-style=stream-without-prefixes'], { cwd: root, stdio: 'inherit', env });
  if (synth.status !== 0) {
    console.error('\nnpm start: building and synthesizing the apps failed (see above); the local cloud was not started.');
    process.exit(synth.status ?? 1);
  }
}

const cli = join(root, 'tools', 'local-cloud', 'src', 'cli', 'main.ts');
const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', ...args.filter((a) => a !== '--skip-synth')], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
