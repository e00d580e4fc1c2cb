import { downloadImages, imageKey, type StoreImage } from './download-images';
import { image, JPEG, PNG, resolverFor, startMediaServer, testCertificates, type MediaServer, type TestCa } from './__testing__/media-server';
import { policyFromEnvironment } from './policy';

let certs: TestCa;
let server: MediaServer;

beforeAll(async () => {
  certs = await testCertificates();
  server = await startMediaServer(certs, { '/a.jpg': image(JPEG), '/b.png': image(PNG, 'image/png') });
});
afterAll(() => server.close());

const BUCKET = 'sma-analysis-images-123456789012-eu-west-1';
const MESSAGE_ID = 'TWITTER-1572570427880538999';

function setup(store?: StoreImage) {
  const origin = `media.test:${server.port}`;
  const stored: Array<{ key: string; bytes: Buffer; type: string }> = [];
  return {
    stored,
    deps: {
      policy: policyFromEnvironment({ IMAGE_HOSTS: origin, ALLOW_LOOPBACK_HOSTS: origin }),
      resolve: resolverFor({ 'media.test': '127.0.0.1', 'private.test': '10.0.0.9' }),
      bucket: BUCKET,
      ca: certs.caPem,
      store:
        store ??
        (async (key: string, bytes: Buffer, type: string) => {
          stored.push({ key, bytes, type });
        }),
    },
  };
}

describe('downloadImages', () => {
  it('stores each image under a deterministic key and reports where', async () => {
    const { deps, stored } = setup();
    const urls = [server.url('media.test', '/a.jpg'), server.url('media.test', '/b.png')];
    const result = await downloadImages({ MessageId: MESSAGE_ID, ImageUrls: urls }, deps);
    expect(result).toEqual({
      Images: [
        { Url: urls[0], Bucket: BUCKET, Key: `images/${MESSAGE_ID}/0.jpg` },
        { Url: urls[1], Bucket: BUCKET, Key: `images/${MESSAGE_ID}/1.png` },
      ],
      Refused: [],
    });
    expect(stored.map((s) => [s.key, s.type, s.bytes.equals(s.type === 'image/png' ? PNG : JPEG)]).sort()).toEqual([
      [`images/${MESSAGE_ID}/0.jpg`, 'image/jpeg', true],
      [`images/${MESSAGE_ID}/1.png`, 'image/png', true],
    ]);
    expect(imageKey(MESSAGE_ID, 0, 'image/jpeg')).toBe(`images/${MESSAGE_ID}/0.jpg`);
  });

  it('gives every refused URL its reason and still stores the others', async () => {
    const { deps } = setup();
    const good = server.url('media.test', '/a.jpg');
    const result = await downloadImages(
      { MessageId: MESSAGE_ID, ImageUrls: [`http://media.test:${server.port}/a.jpg`, good, 'https://pbs.twimg.com/x.jpg', server.url('media.test', '/none.jpg')] },
      deps,
    );
    expect(result.Images.map((i) => i.Url)).toEqual([good]);
    expect(result.Refused.map((r) => [r.Error, r.Reason])).toEqual([
      ['NotHttpsError', 'NOT_HTTPS'],
      ['HostNotAllowedError', 'HOST_NOT_ALLOWED'],
      ['HttpStatusError', 'HTTP_STATUS'],
    ]);
    expect(result.Refused[0]!.Cause).toBe('Only https image URLs are fetched, not http');
  });

  it('analyses at most four images of a message', async () => {
    const { deps, stored } = setup();
    const urls = Array.from({ length: 6 }, () => server.url('media.test', '/a.jpg'));
    const result = await downloadImages({ MessageId: MESSAGE_ID, ImageUrls: urls }, deps);
    expect(result.Images).toHaveLength(4);
    expect(stored).toHaveLength(4);
    expect(result.Refused.map((r) => r.Reason)).toEqual(['TOO_MANY_IMAGES', 'TOO_MANY_IMAGES']);
  });

  it('reports a failed store as a refusal of that image only', async () => {
    let calls = 0;
    const { deps } = setup(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('Slow Down'), { name: 'SlowDown' });
    });
    const result = await downloadImages(
      { MessageId: MESSAGE_ID, ImageUrls: [server.url('media.test', '/a.jpg'), server.url('media.test', '/b.png')] },
      deps,
    );
    expect(result.Images).toHaveLength(1);
    expect(result.Refused).toEqual([expect.objectContaining({ Error: 'ImageStoreError', Reason: 'STORE_FAILED' })]);
  });
});
