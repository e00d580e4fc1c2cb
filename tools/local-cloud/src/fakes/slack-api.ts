/**
 * A local Slack Web API for egress: `auth.test`, `chat.postMessage`, and the file
 * upload flow `@slack/web-api`'s `files.uploadV2` uses (`files.getUploadURLExternal`,
 * the upload to the returned URL, `files.completeUploadExternal`). Requests are
 * authenticated with the development bot token (`Authorization: Bearer` or a `token`
 * parameter) and refused as Slack does (HTTP 200, `ok: false`). Every post is recorded.
 */
import { randomBytes } from 'node:crypto';
import { jsonResponse, parseForm, type HttpRequest, type HttpResponse } from '../core/http/types';
import type { SlackSecret } from '@sma/contracts';
import { boundaryOf, parseMultipart } from './multipart';
import type { FakeRecorder } from './recorder';

export interface SlackFakeOptions {
  /** The Web API's path prefix, e.g. `/_fakes/slack/api`. */
  readonly prefix: string;
  /** Where uploads go, e.g. `/_fakes/slack/upload`. */
  readonly uploadPrefix: string;
  readonly credentials: () => SlackSecret;
  readonly recorder: FakeRecorder;
  /** The endpoint URL (upload URLs point back at it). */
  readonly endpoint: () => string;
}

const fail = (error: string, status = 200): HttpResponse => jsonResponse(status, { ok: false, error });
const CHANNEL = /^[CGD][A-Z0-9]{6,}$/;

/** `1700000004.000200`: Slack's message timestamps. */
function ts(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0')}`;
}

export function createSlackApi(options: SlackFakeOptions): { api: (req: HttpRequest) => Promise<HttpResponse>; upload: (req: HttpRequest) => Promise<HttpResponse> } {
  const pending = new Map<string, { filename: string; length: number; data?: Buffer }>();
  const failures: number[] = [];

  const params = (req: HttpRequest): Record<string, string> => {
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) {
      const parsed = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    }
    return Object.fromEntries([...req.query, ...(type.startsWith('application/x-www-form-urlencoded') ? parseForm(req.body.toString('utf8')) : [])]);
  };

  const authorized = (req: HttpRequest, p: Record<string, string>): HttpResponse | undefined => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers['authorization'] ?? '')?.[1] ?? p['token'];
    if (!bearer) return fail('not_authed');
    if (bearer !== options.credentials().botToken) return fail('invalid_auth');
    return undefined;
  };

  const api = async (req: HttpRequest): Promise<HttpResponse> => {
    const method = req.path.slice(options.prefix.length + 1);
    if (method === '_control' && req.method === 'POST') {
      const body = JSON.parse(req.body.toString('utf8') || '{}') as { failNext?: number; status?: number };
      for (let i = 0; i < (body.failNext ?? 0); i++) failures.push(body.status ?? 500);
      return jsonResponse(200, { queuedFailures: failures.length });
    }
    let p: Record<string, string>;
    try {
      p = params(req);
    } catch {
      return fail('invalid_json');
    }
    const refused = authorized(req, p);
    if (refused) {
      void options.recorder.record({ id: ts(), platform: 'slack', kind: 'refused', at: new Date().toISOString(), data: { method, reason: JSON.parse(String(refused.body)).error } });
      return refused;
    }
    switch (method) {
      case 'auth.test':
        return jsonResponse(200, { ok: true, url: 'https://local.slack.com/', team: 'Local', user: 'sma-bot', team_id: 'T0LOCAL01', user_id: 'U0BOT0001', bot_id: 'B0BOT0001' });
      case 'chat.postMessage': {
        const failure = failures.shift();
        if (failure) return failure === 429 ? { ...fail('ratelimited', 429), headers: { 'content-type': 'application/json', 'retry-after': '1' } } : jsonResponse(failure, { ok: false, error: 'internal_error' });
        if (!p['channel']) return fail('channel_not_found');
        if (!CHANNEL.test(p['channel'])) return fail('channel_not_found');
        if (!p['text'] && !p['blocks'] && !p['attachments']) return fail('no_text');
        const id = ts();
        await options.recorder.record({ id, platform: 'slack', kind: 'message', at: new Date().toISOString(), data: { channel: p['channel'], text: p['text'] ?? '', ...(p['thread_ts'] ? { threadTs: p['thread_ts'] } : {}) } });
        return jsonResponse(200, {
          ok: true,
          channel: p['channel'],
          ts: id,
          message: { type: 'message', subtype: 'bot_message', text: p['text'] ?? '', ts: id, ...(p['thread_ts'] ? { thread_ts: p['thread_ts'] } : {}), bot_id: 'B0BOT0001', app_id: 'A0APP0001' },
        });
      }
      case 'files.getUploadURLExternal': {
        const length = Number(p['length']);
        if (!p['filename'] || !Number.isInteger(length) || length < 1) return fail('invalid_arguments');
        const fileId = `F${randomBytes(5).toString('hex').toUpperCase()}`;
        pending.set(fileId, { filename: p['filename'], length });
        return jsonResponse(200, { ok: true, upload_url: `${options.endpoint()}${options.uploadPrefix}/${fileId}`, file_id: fileId });
      }
      case 'files.completeUploadExternal': {
        let files: Array<{ id: string; title?: string }>;
        try {
          files = JSON.parse(p['files'] ?? '[]') as Array<{ id: string; title?: string }>;
        } catch {
          return fail('invalid_arguments');
        }
        if (p['channel_id'] && !CHANNEL.test(p['channel_id'])) return fail('channel_not_found');
        for (const f of files) if (!pending.get(f.id)?.data) return fail('file_not_found');
        for (const f of files) {
          const upload = pending.get(f.id)!;
          await options.recorder.record({
            id: f.id,
            platform: 'slack',
            kind: 'file',
            at: new Date().toISOString(),
            data: {
              fileId: f.id,
              title: f.title ?? upload.filename,
              filename: upload.filename,
              size: upload.data!.length,
              base64: upload.data!.toString('base64'),
              ...(p['channel_id'] ? { channel: p['channel_id'] } : {}),
              ...(p['thread_ts'] ? { threadTs: p['thread_ts'] } : {}),
              ...(p['initial_comment'] ? { initialComment: p['initial_comment'] } : {}),
            },
          });
          pending.delete(f.id);
        }
        return jsonResponse(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) });
      }
      default:
        return fail('unknown_method');
    }
  };

  const upload = async (req: HttpRequest): Promise<HttpResponse> => {
    const fileId = req.path.slice(options.uploadPrefix.length + 1);
    const entry = pending.get(fileId);
    if (!entry || req.method !== 'POST') return { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    const boundary = boundaryOf(req.headers['content-type']);
    const data = boundary ? parseMultipart(req.body, boundary).find((part) => part.data.length > 0)?.data : req.body;
    if (!data || data.length !== entry.length) return { statusCode: 400, headers: { 'content-type': 'text/plain' }, body: `Expected ${entry.length} bytes` };
    entry.data = Buffer.from(data);
    return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: `OK - ${data.length}` };
  };

  return { api, upload };
}
