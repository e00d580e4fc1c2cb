import { z } from 'zod';

/**
 * A raw Slack Events API `event_callback`, published with source `SLACK`.
 *
 * @example
 * ```json
 * {
 *   "EventId": "SLACK-Ev0123456",
 *   "TeamId": "T0001",
 *   "Type": "app_mention",
 *   "ReceivedAt": "2023-11-14T22:13:20.000Z",
 *   "Event": { "type": "app_mention", "user": "U0123456", "text": "<@U0BOT> tell me a fact", "ts": "1700000000.000100", "channel": "C0123456", "event_ts": "1700000000.000100" }
 * }
 * ```
 */
export const SlackEventSchema = z.object({
  EventId: z.string().min(1).max(256),
  TeamId: z.string().min(1).max(64),
  /** The inner event's `type`, e.g. `app_mention` or `message`. */
  Type: z.string().min(1).max(128),
  ReceivedAt: z.iso.datetime(),
  /** The inner `event` object exactly as Slack sent it. */
  Event: z.looseObject({}),
});
export type SlackEvent = z.infer<typeof SlackEventSchema>;
