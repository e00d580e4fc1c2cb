import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, signWebhookRequest } from '@sma/anti-corruption';
import type { SendReply, WebhookSecret } from '@sma/contracts';
import { deliveryErrorFor } from '../delivery/http-failures';
import { receiverId, webhookReply } from '../delivery/webhook-reply';
import { PermanentDeliveryError, TransientDeliveryError } from '../errors';
import type { Attachment, ChannelSender, Posted } from './sender';

export interface WebhookSenderOptions {
  readonly secrets: () => Promise<WebhookSecret>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default 10 seconds */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/**
 * Replies to a generic-webhook sender: a JSON `POST` to its `ReplyUrl`, signed
 * with the source's secret exactly as ingress expects the sender's own
 * deliveries to be, with the command id as `Idempotency-Key`. Redirects are
 * not followed (the signature is for that URL). A sender without a `ReplyUrl`
 * takes no replies: a permanent failure that no retry or redrive can change.
 */
export class WebhookSender implements ChannelSender {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: WebhookSenderOptions) {
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  async send(command: SendReply, attachment: Attachment | undefined): Promise<Posted> {
    const origin = command.Webhook!;
    if (!origin.ReplyUrl) {
      throw new PermanentDeliveryError(
        { channel: 'WEBHOOK', reason: `Webhook source "${origin.Source}" gave no ReplyUrl with message ${origin.ExternalId}, so it takes no replies` },
        false,
      );
    }
    const secret = (await this.options.secrets()).sources[origin.Source]?.secret;
    if (!secret) {
      throw new PermanentDeliveryError({ channel: 'WEBHOOK', reason: `No secret for webhook source "${origin.Source}" to sign the reply with` });
    }
    const now = this.now();
    const body = JSON.stringify(webhookReply(command, attachment, now));
    const timestamp = String(Math.floor(now.getTime() / 1000));

    let response: Response;
    try {
      response = await this.fetch(origin.ReplyUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookRequest(body, timestamp, secret),
          'idempotency-key': command.CommandId,
          'user-agent': 'serverless-message-analyser (egress)',
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const reason = timedOut ? `no answer from ${origin.ReplyUrl} within ${this.timeoutMs} ms` : `request to ${origin.ReplyUrl} failed: ${(error as Error).message}`;
      throw new TransientDeliveryError({ channel: 'WEBHOOK', reason, cause: error });
    }
    const text = await response.text();
    if (!response.ok) {
      const headers = Object.fromEntries(response.headers.entries());
      const message = response.status >= 300 && response.status < 400 ? `redirect to ${headers['location'] ?? '?'} not followed` : text.slice(0, 500);
      throw deliveryErrorFor('WEBHOOK', response.status, message || response.statusText, headers, now.getTime());
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { platformMessageId: receiverId(parsed) ?? command.CommandId };
  }
}
