/**
 * A local X API v2 for egress: `POST /2/tweets` and the v2 media upload
 * (`/2/media/upload` one-shot, and `/initialize`, `/{id}/append`, `/{id}/finalize`),
 * every request's OAuth 1.0a user-context signature verified against the local
 * development credentials and refused as X refuses it. Answers in X's recorded
 * shapes; every post and upload is recorded. `POST /_control` makes posts fail (fault
 * tests): `{"failNext": 2, "status": 503}` the next two, `{"outage": true, "status": 500}`
 * every one until `{"clear": true}`; each failure answered is recorded (`kind: failed`,
 * with the tweet replied to), so a test can count attempts. Served on its own origin so
 * paths are X's (`/2/tweets`).
 */
import { randomInt } from 'node:crypto';
import { jsonResponse, parseForm, type HttpRequest, type HttpResponse } from '../core/http/types';
import type { TwitterSecret } from '@sma/contracts';
import { imageInfo } from './images';
import { boundaryOf, parseMultipart } from './multipart';
import { verifyOAuth1 } from './oauth1';
import type { FakeRecorder } from './recorder';

/** X's limit for `tweet_image` uploads. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MEDIA_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}): HttpResponse =>
  jsonResponse(status, { title, type: 'about:blank', status, detail, ...extra }, { 'content-type': 'application/problem+json' });

let sequence = 0;
/** A snowflake-shaped id (time, then a sequence). */
export function snowflake(): string {
  sequence = (sequence + 1) & 0xfff;
  return ((BigInt(Date.now() - 1288834974657) << 22n) | (BigInt(randomInt(0, 1024)) << 12n) | BigInt(sequence)).toString();
}

interface Upload {
  readonly id: string;
  readonly mediaType: string;
  readonly totalBytes: number;
  readonly category: string;
  readonly chunks: Map<number, Buffer>;
  finalized?: { size: number; width: number; height: number; type: string };
}

export interface XFakeOptions {
  readonly prefix: string;
  readonly credentials: () => TwitterSecret;
  readonly recorder: FakeRecorder;
}

export function createXApi(options: XFakeOptions): (req: HttpRequest) => Promise<HttpResponse> {
  const uploads = new Map<string, Upload>();
  const failures: Array<{ status: number; retryAfter?: number }> = [];
  /** While set, every post fails with this status (an outage), until `{"clear": true}`. */
  let outage: number | undefined;

  /** A JSON object body, or a form body's fields (X takes both on these endpoints). */
  const json = (req: HttpRequest): Record<string, unknown> | undefined => {
    if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(parseForm(req.body.toString('utf8')));
    try {
      const v = JSON.parse(req.body.toString('utf8')) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };

  const finalize = (u: Upload): HttpResponse => {
    const bytes = Buffer.concat([...u.chunks.entries()].sort(([a], [b]) => a - b).map(([, c]) => c));
    if (bytes.length !== u.totalBytes) return problem(400, 'Invalid Request', `Received ${bytes.length} bytes of the ${u.totalBytes} announced`);
    const info = imageInfo(bytes);
    if (!info) return problem(400, 'Invalid Request', 'The media is not a supported image');
    u.finalized = { size: bytes.length, width: info.width, height: info.height, type: info.type };
    void options.recorder.record({
      id: u.id,
      platform: 'x',
      kind: 'media-upload',
      at: new Date().toISOString(),
      data: { mediaId: u.id, mediaType: info.type, size: bytes.length, width: info.width, height: info.height, category: u.category, base64: bytes.toString('base64') },
    });
    return jsonResponse(200, {
      data: { id: u.id, media_key: `3_${u.id}`, size: bytes.length, expires_after_secs: 86400, image: { image_type: info.type, w: info.width, h: info.height } },
    });
  };

  return async (req) => {
    const path = req.path.slice(options.prefix.length) || '/';
    if (path === '/_control' && req.method === 'POST') {
      const body = json(req) ?? {};
      if (body['clear'] === true) {
        failures.length = 0;
        outage = undefined;
      }
      if (body['outage'] === true) outage = Number(body['status'] ?? 503);
      const n = Number(body['failNext'] ?? 0);
      for (let i = 0; i < n; i++) failures.push({ status: Number(body['status'] ?? 503), ...(body['retryAfter'] !== undefined ? { retryAfter: Number(body['retryAfter']) } : {}) });
      return jsonResponse(200, { queuedFailures: failures.length, outage: outage ?? null });
    }
    const contentType = req.headers['content-type'] ?? '';
    const refusal = verifyOAuth1({
      method: req.method,
      baseUrl: `http://${req.host}${req.path}`,
      query: req.query,
      form: contentType.startsWith('application/x-www-form-urlencoded') ? parseForm(req.body.toString('utf8')) : [],
      authorization: req.headers['authorization'],
      credentials: options.credentials(),
      now: Math.floor(Date.now() / 1000),
    });
    if (refusal) {
      void options.recorder.record({ id: snowflake(), platform: 'x', kind: 'refused', at: new Date().toISOString(), data: { method: req.method, path, reason: refusal } });
      return problem(401, 'Unauthorized', 'Unauthorized');
    }

    if (req.method === 'POST' && path === '/2/tweets') {
      const failure = failures.shift() ?? (outage !== undefined ? { status: outage } : undefined);
      if (failure) {
        const replyTo = (json(req)?.['reply'] as { in_reply_to_tweet_id?: unknown } | undefined)?.in_reply_to_tweet_id;
        await options.recorder.record({
          id: snowflake(),
          platform: 'x',
          kind: 'failed',
          at: new Date().toISOString(),
          data: { path, status: failure.status, ...(replyTo !== undefined ? { inReplyToTweetId: String(replyTo) } : {}) },
        });
        return failure.status === 429
          ? problem(429, 'Too Many Requests', 'Too Many Requests', {})
          : problem(failure.status, failure.status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'Injected failure');
      }
      // POST /2/tweets takes JSON only (a form cannot carry reply or media).
      const body = contentType.startsWith('application/json') ? json(req) : undefined;
      if (!body) return problem(400, 'Invalid Request', 'The body must be a JSON object (Content-Type: application/json)');
      const text = typeof body['text'] === 'string' ? body['text'] : '';
      const mediaIds = ((body['media'] as { media_ids?: unknown } | undefined)?.media_ids ?? []) as unknown[];
      if (!text && mediaIds.length === 0) return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', { errors: [{ message: 'text or media is required' }] });
      if ([...text].length > 4000) return problem(400, 'Invalid Request', 'text is too long');
      if (mediaIds.length > 4) return problem(400, 'Invalid Request', 'At most 4 media per post');
      for (const id of mediaIds) {
        if (!uploads.get(String(id))?.finalized) return problem(400, 'Invalid Request', `Your media IDs are invalid: ${String(id)}`);
      }
      const id = snowflake();
      const replyTo = (body['reply'] as { in_reply_to_tweet_id?: unknown } | undefined)?.in_reply_to_tweet_id;
      await options.recorder.record({
        id,
        platform: 'x',
        kind: 'tweet',
        at: new Date().toISOString(),
        data: { id, text, ...(replyTo !== undefined ? { inReplyToTweetId: String(replyTo) } : {}), mediaIds: mediaIds.map(String) },
      });
      return jsonResponse(201, { data: { id, text, edit_history_tweet_ids: [id] } });
    }

    if (req.method === 'POST' && path === '/2/media/upload/initialize') {
      const body = json(req);
      const mediaType = String(body?.['media_type'] ?? '');
      const totalBytes = Number(body?.['total_bytes']);
      if (!MEDIA_TYPES.has(mediaType)) return problem(400, 'Invalid Request', `media_type ${mediaType} is not supported`);
      if (!Number.isInteger(totalBytes) || totalBytes < 1 || totalBytes > MAX_IMAGE_BYTES) return problem(400, 'Invalid Request', `total_bytes must be 1 to ${MAX_IMAGE_BYTES}`);
      const id = snowflake();
      uploads.set(id, { id, mediaType, totalBytes, category: String(body?.['media_category'] ?? 'tweet_image'), chunks: new Map() });
      return jsonResponse(200, { data: { id, media_key: `3_${id}`, expires_after_secs: 1295999 } });
    }

    const step = /^\/2\/media\/upload\/(\d+)\/(append|finalize)$/.exec(path);
    if (req.method === 'POST' && step) {
      const upload = uploads.get(step[1]!);
      if (!upload) return problem(400, 'Invalid Request', `Unknown media id ${step[1]}`);
      if (step[2] === 'finalize') return finalize(upload);
      const boundary = boundaryOf(contentType);
      let media: Buffer | undefined;
      let segment = upload.chunks.size;
      if (boundary) {
        const parts = parseMultipart(req.body, boundary);
        media = parts.find((p) => p.name === 'media')?.data;
        const idx = parts.find((p) => p.name === 'segment_index')?.data.toString();
        if (idx !== undefined) segment = Number(idx);
      } else {
        const body = json(req);
        if (typeof body?.['media'] === 'string') media = Buffer.from(body['media'], 'base64');
        if (body?.['segment_index'] !== undefined) segment = Number(body['segment_index']);
      }
      if (!media) return problem(400, 'Invalid Request', 'append needs a media part');
      upload.chunks.set(segment, Buffer.from(media));
      return jsonResponse(200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } });
    }

    if (req.method === 'POST' && path === '/2/media/upload') {
      const boundary = boundaryOf(contentType);
      const parts = boundary ? parseMultipart(req.body, boundary) : [];
      const media = parts.find((p) => p.name === 'media')?.data;
      if (!media) return problem(400, 'Invalid Request', 'media is required');
      const info = imageInfo(media);
      if (!info || media.length > MAX_IMAGE_BYTES) return problem(400, 'Invalid Request', 'The media is not a supported image of at most 5 MB');
      const id = snowflake();
      const upload: Upload = { id, mediaType: info.type, totalBytes: media.length, category: parts.find((p) => p.name === 'media_category')?.data.toString() ?? 'tweet_image', chunks: new Map([[0, media]]) };
      uploads.set(id, upload);
      return finalize(upload);
    }

    return problem(404, 'Not Found Error', `The local X API has no ${req.method} ${path}`);
  };
}
