/**
 * The console's HTTP API: what `/_console/api/*` answers and the live stream sends.
 * One definition for the server (read models, routes) and the browser (views), which
 * imports these types only (nothing here runs in the page).
 */
import type { Analysis, Channel } from '@sma/contracts';

/** What happened to one delivery of an event to one rule target. */
export interface DeliveryView {
  readonly ruleArn: string;
  readonly rule: string;
  readonly target: string;
  /** The target's ARN (Lambda, state machine, topic, queue, stream…), when the rule still has the target. */
  readonly targetArn?: string;
  /** Where the event goes when the delivery fails for good. */
  readonly deadLetterArn?: string;
  readonly status: 'pending' | 'delivered' | 'dead-lettered' | 'dropped';
  readonly attempts: number;
  readonly error?: { readonly code: string; readonly message: string };
}

/** An event a bus accepted (or a replay re-sent), with where it went. */
export interface EventRecord {
  /** Unique per delivery round: the event id, plus `#<replay>` for a replayed copy. */
  readonly key: string;
  readonly id: string;
  readonly bus: string;
  readonly detailType: string;
  readonly source: string;
  /** The event's own `time`. */
  readonly time: string;
  /** When the bus accepted it (ISO, milliseconds). */
  readonly ingested: string;
  /** Set on events re-sent by an archive replay. */
  readonly replayName?: string;
  /** The names of the rules it matched. */
  readonly rules: readonly string[];
  readonly archives: readonly string[];
  readonly deliveries: readonly DeliveryView[];
  readonly resources: readonly string[];
  readonly detail: unknown;
  /** The `MessageId` its detail carries, if any (links the event to the messages view). */
  readonly messageId?: string;
  /** Problems validating the detail against its contract in `@sma/contracts` (absent when valid or not a contract type). */
  readonly contractIssues?: readonly string[];
}

/** A change to one delivery of an event (live stream). */
export interface DeliveryUpdate {
  readonly key: string;
  readonly delivery: DeliveryView;
}

export interface ImageView {
  readonly url: string;
  /** Console URL of the analysed copy (the analysis bucket), when analysis downloaded it. */
  readonly src?: string;
  readonly analysis?: Analysis['Images'][number];
}

/** One received message, joined with every event that carries its `MessageId`. */
export interface MessageView {
  readonly messageId: string;
  readonly channel: Channel;
  readonly author: string;
  readonly text: string;
  readonly receivedAt: string;
  /** First time the console saw an event of this message. */
  readonly firstSeen: string;
  readonly lastUpdated: string;
  readonly images: readonly ImageView[];
  readonly analysis?: Analysis;
  readonly analysedAt?: string;
  readonly reply?: {
    readonly commandId: string;
    readonly responder: 'TEXT' | 'IMAGE';
    readonly text: string;
    readonly requestedAt: string;
    /** Console URL of the annotated image the reply attaches. */
    readonly imageSrc?: string;
  };
  readonly outcome?:
    | { readonly status: 'SENT'; readonly platformMessageId: string; readonly at: string }
    | { readonly status: 'FAILED'; readonly reason: string; readonly permanent: boolean; readonly statusCode?: number; readonly at: string };
  /** The events joined, oldest first. */
  readonly events: ReadonlyArray<{ readonly key: string; readonly detailType: string; readonly ingested: string; readonly replayName?: string }>;
}

/** A message sitting in a dead-letter queue. */
export interface DeadLetterView {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly sentAt?: string;
  readonly receiveCount?: number;
}

export interface DeadLetterQueueView {
  readonly queueArn: string;
  readonly queueUrl?: string;
  readonly name: string;
  /** The rules and targets (or functions) that dead-letter into it. */
  readonly feeds: readonly string[];
  readonly count: number;
  readonly messages: readonly DeadLetterView[];
  /** Why the contents could not be read. */
  readonly error?: string;
}

export interface StateMachineView {
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
}

export interface ExecutionSummary {
  readonly arn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachine: string;
  readonly status: string;
  readonly startDate: string;
  readonly stopDate?: string;
  /** The `MessageId` of the event that started it, when its input is one of ours. */
  readonly messageId?: string;
}

export interface StateRunView {
  readonly name: string;
  readonly type: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CAUGHT';
  readonly enteredAt: string;
  readonly exitedAt?: string;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly retries: number;
  readonly index?: number;
}

export interface ExecutionDetail extends ExecutionSummary {
  readonly definition: string;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly states: readonly StateRunView[];
}

export interface TopicView {
  readonly arn: string;
  readonly name: string;
  readonly displayName?: string;
  readonly subscriptions: ReadonlyArray<{ readonly arn: string; readonly protocol: string; readonly endpoint: string }>;
}

/** One message SNS accepted, and what happened to it per subscription. */
export interface AlertView {
  readonly id: string;
  readonly topicArn: string;
  readonly topic: string;
  readonly subject?: string;
  readonly message: string;
  readonly at: string;
  /** The bus event that caused it, when it came from an EventBridge rule. */
  readonly eventKey?: string;
  readonly deliveries: ReadonlyArray<{ readonly subscriptionArn: string; readonly protocol: string; readonly endpoint: string; readonly status: string; readonly error?: string }>;
}

export interface AlertsView {
  readonly topics: readonly TopicView[];
  readonly alerts: readonly AlertView[];
}

export interface NamedQueryView {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly database: string;
  readonly workGroup: string;
  readonly sql: string;
}

export interface QueryResultView {
  readonly queryExecutionId: string;
  readonly state: string;
  readonly stateReason?: string;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
  readonly elapsedMs?: number;
  readonly scannedBytes?: number;
  /** More rows exist than were fetched. */
  readonly truncated: boolean;
}

export interface ArchiveView {
  readonly name: string;
  readonly arn: string;
  readonly bus: string;
  readonly busArn: string;
  readonly eventCount: number;
  readonly sizeBytes: number;
  readonly retentionDays: number;
}

export interface ReplayView {
  readonly name: string;
  readonly archive: string;
  readonly state: string;
  readonly stateReason?: string;
  readonly eventStartTime: string;
  readonly eventEndTime: string;
  readonly replayStartTime: string;
  readonly replayEndTime?: string;
  /** Events seen with this replay's name. */
  readonly replayedEvents: number;
}

export interface ComposeRequest {
  readonly text: string;
  /** The author's handle, without `@`. */
  readonly author?: string;
  readonly image?: { readonly name: string; readonly contentType: string; readonly base64: string };
}

export interface ComposeResult {
  readonly messageId: string;
  readonly tweetId: string;
  readonly webhookUrl: string;
  readonly status: number;
  readonly response: unknown;
  readonly imageUrl?: string;
}

export interface OverviewView {
  readonly endpoint: string;
  readonly region: string;
  readonly buses: readonly string[];
  readonly detailTypes: readonly string[];
  readonly sources: readonly string[];
  /** Emulated services running in this process. */
  readonly services: readonly string[];
  readonly counts: { readonly events: number; readonly messages: number; readonly failedDeliveries: number };
  /** The bot's screen name on the local X (what compose mentions). */
  readonly botScreenName?: string;
}

/** What the live stream (`/_console/api/stream`, server-sent events) sends, by event name. */
export interface StreamMessages {
  readonly event: EventRecord;
  readonly delivery: DeliveryUpdate;
  readonly message: MessageView;
  readonly execution: ExecutionSummary;
  readonly alert: AlertView;
  /** A replay changed state (the page reloads the replays it shows). */
  readonly replay: { readonly name: string; readonly state: string; readonly count: number };
}
export type StreamMessageName = keyof StreamMessages;
