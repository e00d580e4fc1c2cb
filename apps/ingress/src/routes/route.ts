import type { ChannelDelivery } from '@sma/anti-corruption';
import type { IngressRequest } from '../http/request';

/** What a route decided about a verified request. */
export type RouteOutcome =
  /** Answer directly (CRC, url_verification, app_rate_limited); nothing to publish. */
  | {
      readonly kind: 'respond';
      readonly status: number;
      readonly body: unknown;
      readonly log?: Readonly<Record<string, unknown>>;
      readonly level?: 'info' | 'warn';
    }
  /** Publish the delivery's events, exactly once per platform id. */
  | {
      readonly kind: 'publish';
      readonly delivery: ChannelDelivery;
      /** Identity of the payload, for channels whose senders must not reuse an id for different content. */
      readonly fingerprint?: string;
      readonly log?: Readonly<Record<string, unknown>>;
    };

/**
 * A channel's pure request logic: verify, parse, map. Throws the typed errors
 * of `@sma/anti-corruption` and `../errors`, which `errorAnswer` turns into HTTP.
 */
export type Route<S> = (request: IngressRequest, secret: S) => RouteOutcome;

/** When API Gateway received the request, as the contracts' `ReceivedAt`. */
export const receivedAt = (request: IngressRequest): string => new Date(request.receivedAtMs).toISOString();

/** API Gateway's receipt time in Unix seconds, for replay windows. */
export const receivedAtSeconds = (request: IngressRequest): number => Math.floor(request.receivedAtMs / 1000);
