/**
 * Talking to a running local cloud from outside its process (the `send` command, the
 * end-to-end tests, the bench): where it runs (`<dataDir>/runtime.json`), posting a
 * signed X mention exactly as X would, and waiting for the reply the fake X API gets.
 */
import { SECRET_NAMES } from '@sma/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDevSecrets } from '../fakes/dev-secrets';
import type { FaultRuleView, FaultSpec } from '../core/faults';
import { FAULTS_ROUTE } from '../core/http/faults-route';
import type { FakeRecord } from '../fakes/recorder';
import { mentionDelivery, signDelivery, userIdOfAccessToken } from '../fakes/x-activity';

/** What a running local cloud publishes about itself. */
export interface RuntimeInfo {
  readonly pid: number;
  readonly endpoint: string;
  readonly region: string;
  readonly dataDir: string;
  readonly secretsFile: string;
  readonly caFile: string;
  readonly mediaOrigin: string;
  /** The local X API's origin (`/2/tweets`, and `/_control/x` for fault tests). */
  readonly xApi: string;
  readonly console: string | undefined;
  readonly apis: ReadonlyArray<{ readonly name: string; readonly id: string; readonly stage: string; readonly url: string; readonly resources: readonly string[] }>;
  readonly startedAt: string;
  readonly startupMs: number;
}

export const runtimeFile = (dataDir: string) => join(dataDir, 'runtime.json');

export function readRuntime(dataDir: string): RuntimeInfo {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) throw new Error(`No local cloud is running for ${dataDir} (no ${file}): start it with \`npm start\``);
  const info = JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
  try {
    process.kill(info.pid, 0);
  } catch {
    throw new Error(`The local cloud recorded in ${file} (pid ${info.pid}) is not running: start it with \`npm start\``);
  }
  return info;
}

/** The invoke URL of the API route that serves `path` (e.g. `/twitter`). */
export function routeUrl(info: RuntimeInfo, path: string): string {
  const api = info.apis.find((a) => a.resources.includes(path));
  if (!api) throw new Error(`No REST API of the local cloud has a ${path} resource (APIs: ${info.apis.map((a) => a.name).join(', ') || 'none'})`);
  return `${api.url.replace(/\/$/, '')}${path}`;
}

export class LocalCloudClient {
  constructor(readonly info: RuntimeInfo) {}

  static forDataDir(dataDir: string): LocalCloudClient {
    return new LocalCloudClient(readRuntime(dataDir));
  }

  private secrets() {
    return readDevSecrets(this.info.dataDir)[SECRET_NAMES.twitter];
  }

  /** Puts an image on the local media host; returns its https URL. */
  async uploadImage(bytes: Uint8Array, name = 'photo'): Promise<string> {
    const res = await fetch(`${this.info.endpoint}/_fakes/media?name=${encodeURIComponent(name)}`, { method: 'POST', body: new Uint8Array(bytes) });
    const body = (await res.json()) as { url?: string; message?: string };
    if (!res.ok || !body.url) throw new Error(`The media host refused the image: ${body.message ?? res.status}`);
    return body.url;
  }

  /** Posts a signed Account Activity delivery of a mention to ingress's `/twitter` route. */
  async postMention(text: string, options: { imageUrls?: readonly string[]; tweetId?: string; body?: string } = {}): Promise<{ tweetId: string; status: number; body: string; responseBody: string }> {
    const secrets = this.secrets();
    const delivery = options.body
      ? { body: options.body, tweetId: options.tweetId ?? '' }
      : mentionDelivery({ botUserId: userIdOfAccessToken(secrets.accessToken), text, ...(options.imageUrls ? { imageUrls: options.imageUrls } : {}), ...(options.tweetId ? { tweetId: options.tweetId } : {}) });
    const res = await fetch(routeUrl(this.info, '/twitter'), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-twitter-webhooks-signature': signDelivery(delivery.body, secrets.consumerSecret), 'user-agent': 'X-Webhooks/1.0' },
      body: delivery.body,
    });
    return { tweetId: delivery.tweetId, status: res.status, body: delivery.body, responseBody: await res.text() };
  }

  /** What the fake platforms received. */
  async records(platform?: 'x' | 'slack' | 'media', kind?: string): Promise<FakeRecord[]> {
    const q = new URLSearchParams({ ...(platform ? { platform } : {}), ...(kind ? { kind } : {}) });
    const res = await fetch(`${this.info.endpoint}/_fakes/records?${q}`);
    return (await res.json()) as FakeRecord[];
  }

  /**
   * Makes the local X API fail posts: `{ failNext: 2, status: 503 }`, `{ outage: true, status: 500 }`
   * (every post until cleared), `{ clear: true }`.
   */
  async controlX(body: { failNext?: number; status?: number; retryAfter?: number; outage?: boolean; clear?: boolean }): Promise<{ queuedFailures: number; outage: number | null }> {
    const res = await fetch(`${this.info.xApi}/_control/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`The local X API refused the control request: ${res.status} ${await res.text()}`);
    return (await res.json()) as { queuedFailures: number; outage: number | null };
  }

  /** Adds a fault rule (`/_localcloud/faults`): matching calls of a service answer its error. */
  async addFault(spec: FaultSpec): Promise<FaultRuleView> {
    const res = await fetch(`${this.info.endpoint}${FAULTS_ROUTE}`, { method: 'POST', body: JSON.stringify(spec) });
    const body = (await res.json()) as FaultRuleView & { message?: string };
    if (res.status !== 201) throw new Error(`The fault rule was refused: ${body.message ?? res.status}`);
    return body;
  }

  /** The fault rules, with the failures each answered. */
  async faults(): Promise<FaultRuleView[]> {
    return (await (await fetch(`${this.info.endpoint}${FAULTS_ROUTE}`)).json()) as FaultRuleView[];
  }

  /** Removes every fault rule. */
  async clearFaults(): Promise<void> {
    await fetch(`${this.info.endpoint}${FAULTS_ROUTE}`, { method: 'DELETE' });
  }

  /** Waits for the fake X API to receive the reply to a tweet. */
  async waitForReply(tweetId: string, timeoutMs = 60_000, pollMs = 100): Promise<FakeRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = (await this.records('x', 'tweet')).find((r) => r.data['inReplyToTweetId'] === tweetId);
      if (reply) return reply;
      if (Date.now() > deadline) throw new Error(`No reply to tweet ${tweetId} within ${Math.round(timeoutMs / 1000)} s`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
