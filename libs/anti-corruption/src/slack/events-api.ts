import { z } from 'zod';

const SlackIdSchema = z.string().regex(/^[0-9A-Za-z._:-]{1,128}$/, 'must be a Slack id');
export const SlackTsSchema = z.string().regex(/^[0-9]+\.[0-9]+$/, 'must be a Slack timestamp like 1700000000.000100');

/** Sent once when the request URL is set in the app's configuration; answered with the challenge. */
export const UrlVerificationSchema = z.looseObject({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(1024),
});

/** Slack is dropping events for this app (over 30,000 an hour per workspace); acknowledged and logged. */
export const AppRateLimitedSchema = z.looseObject({
  type: z.literal('app_rate_limited'),
  team_id: z.string().optional(),
  minute_rate_limited: z.number().optional(),
});

/** The wrapper of every event Slack delivers. */
export const EventCallbackSchema = z.looseObject({
  type: z.literal('event_callback'),
  team_id: SlackIdSchema,
  api_app_id: z.string().optional(),
  /** Unique per event, and the same on every retry of it. */
  event_id: SlackIdSchema,
  event_time: z.number().optional(),
  event: z.looseObject({ type: z.string().min(1).max(128) }),
  /** The installation the event is for; its bot user is our account in the workspace. */
  authorizations: z.array(z.looseObject({ user_id: z.string().optional(), is_bot: z.boolean().optional() })).optional(),
});
export type EventCallback = z.infer<typeof EventCallbackSchema>;

/** Every body the Events API posts to the request URL. */
export const SlackEventsApiBodySchema = z.discriminatedUnion('type', [
  UrlVerificationSchema,
  EventCallbackSchema,
  AppRateLimitedSchema,
]);
export type SlackEventsApiBody = z.infer<typeof SlackEventsApiBodySchema>;

/** The inner event of `app_mention` and `message` callbacks, reduced to what the mapper reads. */
export const SlackMessageEventSchema = z.looseObject({
  type: z.enum(['app_mention', 'message']),
  subtype: z.string().optional(),
  user: SlackIdSchema,
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: SlackTsSchema,
  thread_ts: SlackTsSchema.optional(),
  channel: SlackIdSchema,
  /** `im` for direct messages, `channel`, `group` or `mpim` otherwise (message events only). */
  channel_type: z.string().optional(),
  /** On thread replies: who started the thread. */
  parent_user_id: z.string().optional(),
  user_profile: z
    .looseObject({ display_name: z.string().optional(), real_name: z.string().optional(), name: z.string().optional() })
    .optional(),
});
export type SlackMessageEvent = z.infer<typeof SlackMessageEventSchema>;

/** Message subtypes that are something a person wrote; every other subtype is an edit, deletion or system notice. */
export const NEW_MESSAGE_SUBTYPES: ReadonlyArray<string | undefined> = [undefined, 'file_share', 'thread_broadcast'];
