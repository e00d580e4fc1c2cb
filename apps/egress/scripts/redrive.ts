/**
 * Redrives the egress dead-letter queue once the cause of its failures is fixed:
 *
 *   npx tsx apps/egress/scripts/redrive.ts --queue-url <dead-letter queue URL> --table <idempotency table> [--max 100] [--dry-run]
 *
 * Run with credentials that may receive/delete on the queue, get/delete items
 * in the table and put SEND_REPLY (source RESPONDING) on the Plumbing bus. Both
 * names are outputs of the Egress stack's resources (see the README).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { redriveDeadLetters } from '../src/redrive/redrive';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const queueUrl = option('queue-url');
  const table = option('table');
  const maxMessages = Number(option('max') ?? 100);
  if (!queueUrl || !table || !Number.isInteger(maxMessages) || maxMessages < 1) {
    process.stderr.write('usage: redrive.ts --queue-url <url> --table <name> [--max <n>] [--dry-run]\n');
    process.exit(2);
  }
  const entries = await redriveDeadLetters({
    sqs: new SQSClient({}),
    eventBridge: new EventBridgeClient({}),
    persistence: new DynamoDBPersistenceLayer({ tableName: table, awsSdkV3Client: new DynamoDBClient({}) }),
    queueUrl,
    maxMessages,
    dryRun: process.argv.includes('--dry-run'),
  });
  for (const e of entries) process.stdout.write(`${e.action.padEnd(22)} ${(e.commandId ?? e.messageId).padEnd(50)} ${e.detail}\n`);
  process.stdout.write(`${entries.length} message(s)${process.argv.includes('--dry-run') ? ' (dry run: nothing changed)' : ''}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
