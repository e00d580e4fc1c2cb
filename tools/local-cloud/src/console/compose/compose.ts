/**
 * Compose: a test mention sent the way `npm run send` sends one — the image put on
 * the local media host, an Account Activity delivery built and signed with the X
 * app's consumer secret (read from Secrets Manager, as ingress reads it), posted over
 * HTTP to ingress's `/twitter` route of the local API Gateway.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SECRET_NAMES, TwitterSecretSchema } from '@sma/contracts';
import type { Cloud } from '../../core/cloud';
import { mentionDelivery, signDelivery, userIdOfAccessToken } from '../../fakes/x-activity';
import type { ApiGatewayApi } from '../../services/apigateway';
import type { ComposeRequest, ComposeResult } from '../api-types';
import { BadRequestError, fromAws, UnavailableError, UpstreamError } from '../errors';

/** The handle the console mentions (the local X's bot account). */
export const BOT_SCREEN_NAME = 'sma_bot';

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);
/** Rekognition's limit for image bytes. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface CheckedCompose {
  readonly text: string;
  readonly author: string;
  readonly image?: { readonly name: string; readonly bytes: Buffer };
}

/** Checks what the page sent (pure). */
export function checkCompose(input: Partial<ComposeRequest>): CheckedCompose {
  if (typeof input.text !== 'string' || input.text.trim() === '') throw new BadRequestError('text is required');
  if ([...input.text].length > 280) throw new BadRequestError('an X post has at most 280 characters');
  const author = input.author ?? 'local_tester';
  if (typeof author !== 'string' || !HANDLE.test(author)) throw new BadRequestError('author must be an X handle: 1-15 letters, digits or _');
  if (!input.image) return { text: input.text, author };
  const { name, contentType, base64 } = input.image;
  if (!IMAGE_TYPES.has(contentType)) throw new BadRequestError(`the image must be PNG or JPEG, not ${contentType}`);
  const bytes = Buffer.from(base64 ?? '', 'base64');
  if (bytes.length === 0) throw new BadRequestError('the image is empty');
  if (bytes.length > MAX_IMAGE_BYTES) throw new BadRequestError('the image is over 5 MB, Rekognition’s limit');
  return { text: input.text, author, image: { name: typeof name === 'string' && name !== '' ? name : 'photo', bytes } };
}

/** The invoke URL of the REST API route that serves `path` (ingress's `/twitter`). */
export function routeUrlOf(apigw: ApiGatewayApi | undefined, path: string): string {
  for (const u of apigw?.urls() ?? []) {
    const api = apigw!.apis.get(u.apiId);
    if (api && [...api.resources.values()].some((r) => r.path === path)) return `${u.url.replace(/\/$/, '')}${path}`;
  }
  throw new UnavailableError(`no REST API of this local cloud serves ${path}: is the ingress stack loaded?`);
}

async function twitterSecret(cloud: Cloud) {
  try {
    const out = await cloud.send(new GetSecretValueCommand({ SecretId: SECRET_NAMES.twitter }));
    return TwitterSecretSchema.parse(JSON.parse(out.SecretString ?? '{}'));
  } catch (err) {
    throw fromAws(err);
  }
}

async function uploadImage(cloud: Cloud, image: NonNullable<CheckedCompose['image']>): Promise<string> {
  const res = await fetch(`${cloud.endpoint}/_fakes/media?name=${encodeURIComponent(image.name)}`, { method: 'POST', body: new Uint8Array(image.bytes) });
  const body = (await res.json().catch(() => ({}))) as { url?: string; message?: string };
  if (!res.ok || !body.url) throw new UpstreamError('MediaHostRefused', body.message ?? `the media host answered ${res.status}`);
  return body.url;
}

export async function compose(cloud: Cloud, input: Partial<ComposeRequest>): Promise<ComposeResult> {
  const checked = checkCompose(input);
  const webhookUrl = routeUrlOf(cloud.instance('apigateway')?.api as ApiGatewayApi | undefined, '/twitter');
  const secret = await twitterSecret(cloud);
  const imageUrl = checked.image ? await uploadImage(cloud, checked.image) : undefined;
  const mention = checked.text.trimStart().startsWith('@') ? checked.text : `@${BOT_SCREEN_NAME} ${checked.text}`;
  const delivery = mentionDelivery({
    botUserId: userIdOfAccessToken(secret.accessToken),
    text: mention,
    ...(imageUrl ? { imageUrls: [imageUrl] } : {}),
    sender: { id: String(1_000_000 + [...checked.author].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000_000, 7)), screenName: checked.author, name: checked.author },
  });
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-twitter-webhooks-signature': signDelivery(delivery.body, secret.consumerSecret), 'user-agent': 'X-Webhooks/1.0' },
    body: delivery.body,
  });
  const text = await res.text();
  let response: unknown = text;
  try {
    response = JSON.parse(text) as unknown;
  } catch {
    // Keep the text.
  }
  if (!res.ok) throw new UpstreamError(`Webhook${res.status}`, `ingress answered ${res.status}: ${text.slice(0, 300)}`);
  return { messageId: `TWITTER-${delivery.tweetId}`, tweetId: delivery.tweetId, webhookUrl, status: res.status, response, ...(imageUrl ? { imageUrl } : {}) };
}
