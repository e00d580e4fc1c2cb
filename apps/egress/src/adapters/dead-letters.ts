import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryError } from '../errors';

/**
 * Puts a command the platform refused into the egress dead-letter queue
 * itself, in the shape EventBridge dead-letters events: the event as the body,
 * the error in `ERROR_CODE` / `ERROR_MESSAGE` attributes. Retrying a refusal
 * would only be refused again, so this replaces Lambda's retries for it.
 */
export async function deadLetter(sqs: SQSClient, queueUrl: string, event: unknown, error: DeliveryError, commandId: string): Promise<void> {
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(event),
      MessageAttributes: {
        ERROR_CODE: text(error.name),
        ERROR_MESSAGE: text(error.reason),
        COMMAND_ID: text(commandId),
        CHANNEL: text(error.channel),
        ...(error.statusCode !== undefined ? { STATUS_CODE: { DataType: 'Number', StringValue: String(error.statusCode) } } : {}),
      },
    }),
  );
}
