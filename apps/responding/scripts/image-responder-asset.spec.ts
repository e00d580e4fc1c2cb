import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, startServer, type RecordedRequest, type TestServer } from '../src/__testing__/http-server';
import { countPixels, pixelsOf, syntheticPhoto } from '../src/__testing__/images';
import routing from '../src/routing/__fixtures__/responder-routing.json';
import { IMAGE_RESPONDER_ASSET_DIR } from '../src/stack';
import { CANVAS_PACKAGE, FONT_FILE, HANDLER, NATIVE_TARGETS, assertElfMachine, type NativeTarget } from './image-responder-asset';

/** The body of an S3 upload, undoing `aws-chunked` framing if the SDK streamed it. */
function uploadedBytes(request: RecordedRequest): Buffer {
  if (!String(request.headers['content-encoding'] ?? '').includes('aws-chunked')) return request.body;
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = request.body.indexOf('\r\n', offset);
    const size = parseInt(request.body.toString('latin1', offset, lineEnd).split(';')[0]!, 16);
    if (!size) return Buffer.concat(parts);
    parts.push(request.body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/** Runs the built handler in a new Node process, as Lambda would: `require` the bundle, call `handler`. */
function runHandler(assetDir: string, event: unknown, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const { handler } = require(${JSON.stringify(join(assetDir, `${HANDLER}.js`))});
    const context = { awsRequestId: 'r-1', functionName: 'image-responder', getRemainingTimeInMillis: () => 30000 };
    handler(JSON.parse(process.env.TEST_EVENT), context).then(
      () => process.exit(0),
      (error) => { console.error(error && error.stack || error); process.exit(1); },
    );`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: assetDir,
      env: { PATH: process.env['PATH'] ?? '', HOME: assetDir, TEST_EVENT: JSON.stringify(event), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('image responder asset (dist/apps/responding/image-responder)', () => {
  it('holds the bundle, the font and the native module for Lambda (arm64) and for this machine (x64)', () => {
    const files = readdirSync(IMAGE_RESPONDER_ASSET_DIR);
    expect(files).toEqual(expect.arrayContaining([`${HANDLER}.js`, `${HANDLER}.js.map`, 'fonts', 'node_modules']));
    expect(existsSync(join(IMAGE_RESPONDER_ASSET_DIR, 'fonts', FONT_FILE))).toBe(true);
    expect(existsSync(join(IMAGE_RESPONDER_ASSET_DIR, 'node_modules', CANVAS_PACKAGE, 'index.js'))).toBe(true);
    for (const target of Object.keys(NATIVE_TARGETS) as NativeTarget[]) {
      const dir = join(IMAGE_RESPONDER_ASSET_DIR, 'node_modules', `${CANVAS_PACKAGE}-${target}`);
      const binary = readdirSync(dir).find((f) => f.endsWith('.node'))!;
      expect(() => assertElfMachine(join(dir, binary), target)).not.toThrow();
    }
    expect(() => assertElfMachine(join(IMAGE_RESPONDER_ASSET_DIR, 'node_modules', `${CANVAS_PACKAGE}-linux-x64-gnu`, 'skia.linux-x64-gnu.node'), 'linux-arm64-gnu')).toThrow(
      /not an ELF binary for linux-arm64-gnu/,
    );
  });

  describe('run in a fresh Node process outside the workspace', () => {
    let aws: TestServer;
    let copy: string;
    let photo: Buffer;
    const uploads = new Map<string, Buffer>();
    const published: unknown[] = [];

    beforeAll(async () => {
      photo = await syntheticPhoto(1000, 500);
      // A copy outside the workspace: the bundle can only find what the asset itself holds.
      copy = mkdtempSync(join(tmpdir(), 'sma-image-responder-'));
      cpSync(IMAGE_RESPONDER_ASSET_DIR, copy, { recursive: true });
      // The AWS APIs the handler calls, behind AWS_ENDPOINT_URL (S3 path-style, EventBridge JSON 1.1).
      aws = await startServer((req, res) => {
        if (req.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
          published.push(...(JSON.parse(req.body.toString()) as { Entries: unknown[] }).Entries);
          return json(res, 200, { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }, { 'content-type': 'application/x-amz-json-1.1' });
        }
        const path = decodeURIComponent(req.url.split('?')[0]!);
        if (req.method === 'PUT') {
          uploads.set(path, uploadedBytes(req));
          res.writeHead(200, { etag: '"1"' });
          return res.end();
        }
        if (req.method === 'GET' && path.startsWith('/analysis-images-123456789012-eu-west-1/images/')) {
          res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(photo.length), etag: '"2"' });
          return res.end(photo);
        }
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      });
    });
    afterAll(async () => {
      await aws.close();
      rmSync(copy, { recursive: true, force: true });
    });

    it('annotates a photo with accented names and requests the reply', async () => {
      const event = routing.cases.find((c) => c.name === 'two photos, celebrities in both')!.event;
      const result = await runHandler(copy, event, {
        AWS_ENDPOINT_URL: aws.url,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ANNOTATED_IMAGES_BUCKET: 'sma-annotated-images-123456789012-eu-west-1',
        POWERTOOLS_SERVICE_NAME: 'responding',
        POWERTOOLS_TRACE_ENABLED: 'false',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);

      const key = '/sma-annotated-images-123456789012-eu-west-1/annotated/TWITTER-1572570427880538999/1.png';
      expect([...uploads.keys()]).toEqual([key]);
      const drawn = await pixelsOf(uploads.get(key)!);
      expect(drawn.width).toBe(1000);
      // Penélope Cruz's face is at (0.5, 0.2) of the photo: her label sits just above it.
      const label = { x: 500, y: 70, width: 150, height: 30 };
      expect(countPixels(drawn, label, (r, g, b) => r > 200 && g > 170 && b < 90)).toBeGreaterThan(1000);
      expect(countPixels(drawn, label, (r, g, b) => r < 70 && g < 70 && b < 70)).toBeGreaterThan(150);

      expect(published).toHaveLength(1);
      const entry = published[0] as { DetailType: string; Source: string; Detail: string };
      expect(entry).toMatchObject({ DetailType: 'SEND_REPLY', Source: 'RESPONDING' });
      expect(JSON.parse(entry.Detail)).toMatchObject({
        CommandId: 'REPLY-TWITTER-1572570427880538999',
        Text: 'I spotted Penélope Cruz and Zoë Saldaña',
        Image: { Key: 'annotated/TWITTER-1572570427880538999/1.png', ContentType: 'image/png' },
      });
    });
  });
});
