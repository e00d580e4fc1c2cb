import { DeleteMessageCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { IdempotencyConfig, IdempotencyItemNotFoundError } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { putEvents } from '@sma/contracts';
import type { DeliveryOutcome } from '../delivery/outcome';
import { IDEMPOTENCY_KEY_PATH, IDEMPOTENCY_KEY_PREFIX } from '../reply-delivery';
import { readDeadLetter } from './dead-letter-record';

export interface RedriveDeps {
  readonly sqs: SQSClient;
  readonly eventBridge: EventBridgeClient;
  /** The egress idempotency table's persistence layer (configured here with egress's key prefix and path). */
  readonly persistence: BasePersistenceLayer;
  readonly queueUrl: string;
  /** Stop after this many messages. */
  readonly maxMessages: number;
  /** Report what would happen, change nothing. */
  readonly dryRun: boolean;
}

export type RedriveAction =
  /** Put back on the bus; egress will post it. */
  | 'REDRIVEN'
  /** Its stored refusal was forgotten first, then it was put back on the bus. */
  | 'FORGOTTEN_AND_REDRIVEN'
  /** It was posted after all: the dead letter is dropped, nothing is sent again. */
  | 'ALREADY_SENT'
  /** Left in the queue: not a valid SEND_REPLY, or a delivery of it is in flight. */
  | 'LEFT';

export interface RedriveEntry {
  readonly messageId: string;
  readonly commandId?: string;
  readonly action: RedriveAction;
  readonly detail: string;
}

/**
 * Puts the commands of the egress dead-letter queue back on the bus, once the
 * cause is fixed (credentials, the bot's channel membership, an outage).
 *
 * A refusal is remembered by the idempotency store, so it is forgotten first
 * (otherwise the redriven command would get the stored refusal back); a
 * command that was in fact posted is never sent again. Each message is
 * deleted from the queue only after its command is back on the bus.
 */
export async function redriveDeadLetters(deps: RedriveDeps): Promise<RedriveEntry[]> {
  deps.persistence.configure({ config: new IdempotencyConfig({ eventKeyJmesPath: IDEMPOTENCY_KEY_PATH }), keyPrefix: IDEMPOTENCY_KEY_PREFIX });
  const entries: RedriveEntry[] = [];
  const seen = new Set<string>();
  while (entries.length < deps.maxMessages) {
    const { Messages = [] } = await deps.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deps.queueUrl,
        MaxNumberOfMessages: Math.min(10, deps.maxMessages - entries.length),
        MessageAttributeNames: ['All'],
        // Long enough to redrive a batch; a message left alone comes back after it.
        VisibilityTimeout: 120,
        WaitTimeSeconds: 1,
      }),
    );
    const fresh = Messages.filter((m) => !seen.has(m.MessageId!));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      seen.add(message.MessageId!);
      entries.push(await redriveOne(deps, message));
    }
  }
  return entries;
}

async function redriveOne(deps: RedriveDeps, message: Message): Promise<RedriveEntry> {
  const messageId = message.MessageId!;
  let deadLetter;
  try {
    deadLetter = readDeadLetter(message.Body ?? '', message.MessageAttributes);
  } catch (error) {
    return { messageId, action: 'LEFT', detail: `not a SEND_REPLY dead letter: ${(error as Error).message}` };
  }
  const command = deadLetter.event.detail;
  const key = { command: { CommandId: command.CommandId } };
  let stored: DeliveryOutcome | undefined;
  let status: string | undefined;
  try {
    const record = await deps.persistence.getRecord(key);
    status = record.getStatus();
    stored = record.responseData as DeliveryOutcome | undefined;
  } catch (error) {
    if (!(error instanceof IdempotencyItemNotFoundError)) throw error;
  }
  const base = { messageId, commandId: command.CommandId };
  if (status === 'INPROGRESS') return { ...base, action: 'LEFT', detail: 'a delivery of this command is in progress' };
  if (status === 'COMPLETED' && stored?.Status === 'SENT') {
    if (!deps.dryRun) await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: deps.queueUrl, ReceiptHandle: message.ReceiptHandle }));
    return { ...base, action: 'ALREADY_SENT', detail: `posted as ${stored.PlatformMessageId}` };
  }
  const forget = status === 'COMPLETED' && stored?.Status === 'FAILED';
  if (!deps.dryRun) {
    if (forget) await deps.persistence.deleteRecord(key);
    await putEvents(deps.eventBridge, [{ detailType: 'SEND_REPLY', detail: command }]);
    await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: deps.queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
  return {
    ...base,
    action: forget ? 'FORGOTTEN_AND_REDRIVEN' : 'REDRIVEN',
    detail: `${deadLetter.origin === 'LAMBDA_FAILURE' ? 'failed every try' : 'dead-lettered'}: ${deadLetter.error ?? 'no error recorded'}`,
  };
}
