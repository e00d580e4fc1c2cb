import { SECRET_NAMES } from '@sma/contracts';
import { WebClient } from '@slack/web-api';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradientPng as png } from '../__testing__/images';
import { ApiResponseError, TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';
import { Agent, fetch as undiciFetch } from 'undici';
import { catalogOf } from '../core/catalog';
import { LocalCloud } from '../core/runtime';
import { fakesComponent, type FakesApi } from './index';

const fakes = fakesComponent();
let cloud: LocalCloud;
let root: string;
const api = (): FakesApi => fakes.api();

/** Sends twitter-api-v2's requests (signed for the URL actually called) to the local X API. */
const toLocal = (base: string): ITwitterApiClientPlugin => ({
  onBeforeRequestConfig({ params }) {
    params.url = params.url.replace(/^https:\/\/api\.(x|twitter)\.com/, base);
  },
});
const control = (platform: 'x' | 'slack', body: object) => fetch(`${cloud.endpoints.xApi}/_control/${platform}`, { method: 'POST', body: JSON.stringify(body) });

const xClient = (secretOverride: Partial<{ appSecret: string }> = {}) => {
  const s = api().secrets()[SECRET_NAMES.twitter];
  return new TwitterApi(
    { appKey: s.consumerKey, appSecret: secretOverride.appSecret ?? s.consumerSecret, accessToken: s.accessToken, accessSecret: s.accessTokenSecret },
    { plugins: [toLocal(cloud.endpoints.xApi)], httpAgent: new (require('node:http').Agent)() },
  );
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lc-fakes-'));
  cloud = await LocalCloud.start({ workspaceRoot: root, port: 0, mediaPort: 0, platformsPort: 0, quiet: true }, { catalog: catalogOf({}), components: [fakes] });
});
afterAll(() => cloud.stop());

describe('development secrets', () => {
  it('are created on first run in the contracts’ shapes, then kept', () => {
    const file = join(root, '.local-cloud', 'secrets.json');
    expect(existsSync(file)).toBe(true);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(stored).sort()).toEqual(Object.values(SECRET_NAMES).sort());
    expect(stored[SECRET_NAMES.twitter]!['accessToken']).toMatch(/^\d+-/);
    expect(stored[SECRET_NAMES.slack]!['botToken']).toMatch(/^xoxb-/);
    expect(api().secrets()).toEqual(stored);
  });
});

describe('local X API', () => {
  it('takes a reply with an image through the v2 media upload, signed with OAuth 1.0a', async () => {
    const client = xClient();
    const image = png(120, 90);
    const mediaId = await client.v2.uploadMedia(image, { media_type: 'image/png', media_category: 'tweet_image' });
    const tweet = await client.v2.tweet({ text: '@someone here you go', reply: { in_reply_to_tweet_id: '1572570427880538999' }, media: { media_ids: [mediaId] } });
    expect(tweet.data.id).toMatch(/^\d{18,19}$/);
    const record = await api().recorder.waitFor((r) => r.kind === 'tweet' && r.id === tweet.data.id);
    expect(record.data).toMatchObject({ text: '@someone here you go', inReplyToTweetId: '1572570427880538999', mediaIds: [mediaId] });
    const upload = api().recorder.list((r) => r.kind === 'media-upload' && r.id === mediaId)[0]!;
    expect(upload.data).toMatchObject({ mediaType: 'image/png', width: 120, height: 90, size: image.length });
  });

  it('refuses a bad signature as X does (401), and records the refusal', async () => {
    const err = await xClient({ appSecret: 'wrong' })
      .v2.tweet({ text: 'forged' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiResponseError);
    expect((err as ApiResponseError).code).toBe(401);
    expect(api().recorder.list((r) => r.kind === 'refused' && r.platform === 'x').at(-1)!.data['reason']).toBe('signature mismatch');
  });

  it('answers injected failures (fault tests)', async () => {
    await control('x', { failNext: 1, status: 503 });
    const err = await xClient()
      .v2.tweet({ text: 'first try' })
      .catch((e: unknown) => e);
    expect((err as ApiResponseError).code).toBe(503);
    expect((await xClient().v2.tweet({ text: 'second try' })).data.text).toBe('second try');
  });

  it('fails every post during an outage, records each failure with the tweet replied to, until cleared', async () => {
    expect(await (await control('x', { outage: true, status: 500 })).json()).toEqual({ queuedFailures: 0, outage: 500 });
    for (let i = 0; i < 2; i++) {
      const err = await xClient()
        .v2.reply('down', '1572570427880538111')
        .catch((e: unknown) => e);
      expect((err as ApiResponseError).code).toBe(500);
    }
    const failed = api().recorder.list((r) => r.kind === 'failed' && r.data['inReplyToTweetId'] === '1572570427880538111');
    expect(failed.map((r) => r.data)).toEqual([
      { path: '/2/tweets', status: 500, inReplyToTweetId: '1572570427880538111' },
      { path: '/2/tweets', status: 500, inReplyToTweetId: '1572570427880538111' },
    ]);
    expect(api().recorder.list((r) => r.kind === 'tweet' && r.data['inReplyToTweetId'] === '1572570427880538111')).toEqual([]);
    expect(await (await control('x', { clear: true })).json()).toEqual({ queuedFailures: 0, outage: null });
    expect((await xClient().v2.reply('up again', '1572570427880538111')).data.text).toBe('up again');
  });
});

describe('local Slack Web API', () => {
  const slack = (token?: string) => new WebClient(token ?? api().secrets()[SECRET_NAMES.slack].botToken, { slackApiUrl: cloud.endpoints.slackApi, retryConfig: { retries: 0 } });

  it('posts messages and uploads files with files.uploadV2', async () => {
    const posted = await slack().chat.postMessage({ channel: 'C0123456', text: 'hello', thread_ts: '1700000000.000100' });
    expect(posted.ok).toBe(true);
    const upload = await slack().files.uploadV2({ channel_id: 'C0123456', thread_ts: '1700000000.000100', file: png(10, 10), filename: 'annotated.png', initial_comment: 'with faces' });
    expect(upload.ok).toBe(true);
    const file = api().recorder.list((r) => r.platform === 'slack' && r.kind === 'file').at(-1)!;
    expect(file.data).toMatchObject({ channel: 'C0123456', threadTs: '1700000000.000100', initialComment: 'with faces', filename: 'annotated.png' });
  });

  it('refuses a wrong token and unknown channels as Slack does', async () => {
    await expect(slack('xoxb-nope').chat.postMessage({ channel: 'C0123456', text: 'x' })).rejects.toMatchObject({ data: { ok: false, error: 'invalid_auth' } });
    await expect(slack().chat.postMessage({ channel: '#general', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });
});

describe('local HTTPS media host', () => {
  it('serves uploaded images over TLS trusted through the local CA only', async () => {
    const image = png(64, 48);
    const res = await fetch(`${cloud.endpoint}/_fakes/media?name=cat.png`, { method: 'POST', body: new Uint8Array(image) });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/localhost:\d+\/media\/[\w-]+\.png$/);
    const trusted = new Agent({ connect: { ca: readFileSync(api().caFile) } });
    const got = await undiciFetch(url, { dispatcher: trusted });
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(image);
    await expect(undiciFetch(url)).rejects.toThrow();
    const refused = await fetch(`${cloud.endpoint}/_fakes/media`, { method: 'POST', body: 'not an image' });
    expect(refused.status).toBe(400);
  });
});
