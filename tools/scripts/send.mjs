#!/usr/bin/env node
// `npm run send -- "@sma_bot tell me a joke" --image ./photo.jpg`: signs and posts an X
// Account Activity delivery of that mention to the running local cloud exactly as X
// would (the image served by the local HTTPS media host), then waits for and prints
// the reply the local X API receives. Options: --timeout <seconds>, --no-wait.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'tools', 'local-cloud', 'src', 'cli', 'main.ts');
const child = spawn(process.execPath, ['--import', 'tsx', cli, 'send', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
child.on('exit', (code) => process.exit(code ?? 1));
