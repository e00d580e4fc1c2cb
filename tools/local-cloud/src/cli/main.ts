/**
 * The `local-cloud` command.
 *
 *   local-cloud start [--port 4566] [--media-port 4567] [--platforms-port 4568] [--data-dir .local-cloud] [--region eu-west-1]
 *                     [--apps a,b] [--lambda-concurrency 4] [--delay-scale 1] [--quiet]
 *   local-cloud send "<text>" [--image ./photo.jpg] [--timeout 60] [--no-wait]
 *   local-cloud info
 *
 * `start` runs until SIGINT/SIGTERM and writes `<dataDir>/runtime.json` (endpoint,
 * API URLs, secrets file) for the other commands; `send` posts a signed X mention
 * exactly as X would and prints the reply the fake X API receives.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiGatewayApi } from '../services/apigateway';
import { consoleComponent } from '../console';
import { writeJsonAtomic } from '../core/persistence';
import { startLocalCloud } from '../local-cloud';
import { LocalCloudClient, readRuntime, runtimeFile, type RuntimeInfo } from './client';

const workspaceRoot = resolve(__dirname, '..', '..', '..', '..');

function dataDirOf(value: string | undefined): string {
  return resolve(workspaceRoot, value ?? process.env['LOCAL_CLOUD_DATA_DIR'] ?? '.local-cloud');
}

async function start(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'media-port': { type: 'string' },
      'platforms-port': { type: 'string' },
      'data-dir': { type: 'string' },
      region: { type: 'string' },
      'delay-scale': { type: 'string' },
      apps: { type: 'string' },
      'lambda-concurrency': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  // `--apps plumbing,ingress` runs some apps only (default: every synthesized one).
  const assemblies = values.apps?.split(',').map((app) => resolve(workspaceRoot, 'dist', 'apps', app.trim(), 'cdk.out'));
  const t0 = performance.now();
  const dataDir = dataDirOf(values['data-dir']);
  const cloud = await startLocalCloud({
    workspaceRoot,
    dataDir,
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values['media-port'] ? { mediaPort: Number(values['media-port']) } : {}),
    ...(values['platforms-port'] ? { platformsPort: Number(values['platforms-port']) } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values['delay-scale'] ? { delayScale: Number(values['delay-scale']) } : {}),
    ...(assemblies ? { assemblies } : {}),
    ...(values['lambda-concurrency'] ? { lambdaConcurrency: Number(values['lambda-concurrency']) } : {}),
    quiet: values.quiet,
    components: [consoleComponent()],
  });
  const startupMs = Math.round(performance.now() - t0);
  const apigw = cloud.instance('apigateway')?.api as ApiGatewayApi | undefined;
  const apis = (apigw?.urls() ?? []).map((u) => ({
    ...u,
    resources: [...(apigw?.apis.get(u.apiId)?.resources.values() ?? [])].map((r) => r.path),
  }));
  const consoleUrl = cloud.hasRoute('/_console') ? `${cloud.endpoint}/_console` : undefined;
  const info: RuntimeInfo = {
    pid: process.pid,
    endpoint: cloud.endpoint,
    region: cloud.config.region,
    dataDir,
    secretsFile: `${dataDir}/secrets.json`,
    caFile: cloud.endpoints.caFile,
    mediaOrigin: cloud.endpoints.mediaOrigin,
    xApi: cloud.endpoints.xApi,
    console: consoleUrl,
    apis: apis.map((a) => ({ name: a.name, id: a.apiId, stage: a.stage, url: a.url, resources: a.resources })),
    startedAt: new Date().toISOString(),
    startupMs,
  };
  writeJsonAtomic(runtimeFile(dataDir), info);

  const lines = [
    '',
    `Local cloud ready in ${startupMs} ms (${cloud.resources.size} resources, region ${cloud.config.region})`,
    '',
    `  AWS endpoint   ${cloud.endpoint}      (AWS_ENDPOINT_URL=${cloud.endpoint}, or aws --endpoint-url ${cloud.endpoint})`,
    ...info.apis.map((a) => `  API ${a.name.padEnd(10)} ${a.url}`),
    ...(consoleUrl ? [`  Console        ${consoleUrl}`] : []),
    `  Media host     ${info.mediaOrigin}   (certificate authority: ${info.caFile})`,
    `  Local X API    ${cloud.endpoints.xApi}   Slack API ${cloud.endpoints.slackApi}`,
    `  Secrets        ${info.secretsFile}   (development values; edit to taste)`,
    `  Data           ${dataDir}`,
    '',
    '  Send a mention:  npm run send -- "@sma_bot tell me a joke" [--image ./photo.jpg]',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the local cloud…\n`);
    await cloud.stop();
    rmSync(runtimeFile(dataDir), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function send(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { image: { type: 'string', multiple: true }, timeout: { type: 'string', default: '90' }, 'no-wait': { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  const text = positionals.join(' ').trim();
  if (!text) throw new Error('Usage: npm run send -- "<text>" [--image ./photo.jpg]');
  const client = LocalCloudClient.forDataDir(dataDirOf(values['data-dir']));
  const imageUrls: string[] = [];
  for (const path of values.image ?? []) {
    if (!existsSync(path)) throw new Error(`No image at ${path}`);
    imageUrls.push(await client.uploadImage(readFileSync(path), basename(path)));
  }
  const started = Date.now();
  const posted = await client.postMention(text, { imageUrls });
  process.stdout.write(`Posted tweet ${posted.tweetId}${imageUrls.length > 0 ? ` with ${imageUrls.join(', ')}` : ''}: HTTP ${posted.status}\n`);
  if (posted.status !== 200) throw new Error(`Ingress refused the delivery: ${posted.status} ${posted.responseBody}`);
  if (values['no-wait']) return;
  process.stdout.write('Waiting for the reply…\n');
  const reply = await client.waitForReply(posted.tweetId, Number(values.timeout) * 1000);
  const media = (reply.data['mediaIds'] as string[] | undefined) ?? [];
  process.stdout.write(`\nReply ${reply.id} after ${((Date.now() - started) / 1000).toFixed(1)} s:\n  ${String(reply.data['text'])}\n`);
  if (media.length > 0) {
    const uploads = await client.records('x', 'media-upload');
    for (const id of media) {
      const upload = uploads.find((u) => u.id === id);
      process.stdout.write(`  with image ${id}${upload ? ` (${String(upload.data['mediaType'])}, ${String(upload.data['width'])}x${String(upload.data['height'])}, ${String(upload.data['size'])} bytes)` : ''}\n`);
    }
  }
}

function info(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } } });
  process.stdout.write(`${JSON.stringify(readRuntime(dataDirOf(values['data-dir'])), null, 2)}\n`);
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<void> | void> = { start, send, info };
const run = commands[command ?? ''];
if (!run) {
  process.stderr.write('Usage: local-cloud start|send|info [options]\n');
  process.exit(2);
}
Promise.resolve(run(rest)).catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`Port ${e.port ?? ''} is in use: is another local cloud running? (\`local-cloud info\`), or choose other ports with --port, --media-port, --platforms-port\n`);
  } else {
    process.stderr.write(`${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
  }
  process.exit(1);
});
