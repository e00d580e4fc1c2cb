import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleDirOf } from '@sma/cdk';
import { image, JPEG, PNG, startMediaServer, testCertificates, type MediaServer } from '../download/__testing__/media-server';

const run = promisify(execFile);
const BUCKET = 'sma-analysis-images-123456789012-eu-west-1';

/**
 * The built bundle, run the way the local cloud runs it: its own Node process,
 * the Lambda environment from the template plus the local overlay
 * (AWS_ENDPOINT_URL, the loopback opt-in for the local media host, and
 * NODE_EXTRA_CA_CERTS for the locally generated CA). Nothing in the code is
 * told about the CA: Node's default trust store reads NODE_EXTRA_CA_CERTS.
 */
describe('download-images bundle in a Lambda-like process', () => {
  let media: MediaServer;
  let s3: Server;
  let s3Port: number;
  let dir: string;
  const puts: Array<{ path: string; contentType: string | undefined; body: Buffer }> = [];

  beforeAll(async () => {
    const certs = await testCertificates();
    dir = mkdtempSync(join(tmpdir(), 'sma-download-'));
    writeFileSync(join(dir, 'ca.pem'), certs.caPem);
    media = await startMediaServer(certs, { '/a.jpg': image(JPEG), '/b.png': image(PNG, 'image/png') });
    s3 = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        puts.push({ path: new URL(req.url ?? '/', 'http://s3').pathname, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
        res.writeHead(200, { etag: '"0123456789abcdef"' }).end();
      });
    });
    await new Promise<void>((resolve) => s3.listen(0, '127.0.0.1', resolve));
    s3Port = (s3.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await media.close();
    await new Promise((resolve) => s3.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function invoke(env: Record<string, string>, event: unknown): Promise<unknown> {
    const script = `require(${JSON.stringify(join(bundleDirOf('analysis'), 'download-images.js'))}).handler(${JSON.stringify(event)}, { functionName: 'download-images', awsRequestId: 'test', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:download-images', functionVersion: '$LATEST', memoryLimitInMB: '512', getRemainingTimeInMillis: () => 30000 }).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { process.stdout.write(JSON.stringify({ thrown: e.name, message: e.message })); })`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL: `http://127.0.0.1:${s3Port}`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_TRACE_ENABLED: 'false',
        IMAGE_BUCKET: BUCKET,
        ...env,
      },
      timeout: 30_000,
    });
    return JSON.parse(stdout);
  }

  it('downloads from the local https media host it was told to trust and stores the images in S3', async () => {
    const origin = `localhost:${media.port}`;
    const urls = [media.url('localhost', '/a.jpg'), media.url('localhost', '/b.png')];
    const result = await invoke(
      { IMAGE_HOSTS: origin, ALLOW_LOOPBACK_HOSTS: origin, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') },
      { MessageId: 'WEBHOOK-review-8812', ImageUrls: urls },
    );
    expect(result).toEqual({
      Images: [
        { Url: urls[0], Bucket: BUCKET, Key: 'images/WEBHOOK-review-8812/0.jpg' },
        { Url: urls[1], Bucket: BUCKET, Key: 'images/WEBHOOK-review-8812/1.png' },
      ],
      Refused: [],
    });
    const stored = puts.filter((p) => p.path.startsWith(`/${BUCKET}/images/WEBHOOK-review-8812/`));
    expect(stored.map((p) => [p.path, p.contentType]).sort()).toEqual([
      [`/${BUCKET}/images/WEBHOOK-review-8812/0.jpg`, 'image/jpeg'],
      [`/${BUCKET}/images/WEBHOOK-review-8812/1.png`, 'image/png'],
    ]);
    expect(stored.find((p) => p.path.endsWith('0.jpg'))!.body.includes(JPEG)).toBe(true);
  });

  it('refuses the local host without the opt-in, and fails TLS without the CA', async () => {
    const origin = `localhost:${media.port}`;
    const url = media.url('localhost', '/a.jpg');
    const noOptIn = (await invoke({ IMAGE_HOSTS: origin, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') }, { MessageId: 'WEBHOOK-x', ImageUrls: [url] })) as {
      Refused: Array<{ Error: string }>;
    };
    expect(noOptIn.Refused.map((r) => r.Error)).toEqual(['AddressNotAllowedError']);
    const noCa = (await invoke({ IMAGE_HOSTS: origin, ALLOW_LOOPBACK_HOSTS: origin }, { MessageId: 'WEBHOOK-x', ImageUrls: [url] })) as {
      Refused: Array<{ Error: string; Cause: string }>;
    };
    expect(noCa.Refused).toEqual([expect.objectContaining({ Error: 'DownloadFailedError', Cause: expect.stringMatching(/certificate/i) })]);
  });

  it('rejects input the workflow never sends with a typed error', async () => {
    await expect(invoke({}, { MessageId: 'not an id', ImageUrls: 'https://pbs.twimg.com/a.jpg' })).resolves.toEqual({
      thrown: 'InvalidStepInputError',
      message: expect.stringContaining('DownloadImages received invalid input'),
    });
  });
});
