import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { parseBusEvent, putEvents, type SendReply } from '@sma/contracts';
import { askBot, type BotAddress } from '../adapters/lex';
import { isBotLocaleId } from '../bot/definition';
import { requiredEnv } from '../config';
import { BotUnavailableError, ConfigurationError, EmptyBotAnswerError } from '../errors';
import { logger, metrics, observed, tracer } from '../observability';
import { replyCommand } from '../replies/command';
import { sessionIdFor } from '../text/session-id';
import { DEFAULT_UTTERANCE, utteranceFor } from '../text/utterance';

export interface TextResponderDeps {
  readonly lex: LexRuntimeV2Client;
  readonly eventBridge: EventBridgeClient;
  readonly bot: BotAddress;
  readonly defaultUtterance: string;
  readonly now: () => Date;
}

/** The bot's address and default utterance, from the variables the stack sets. */
export function textResponderConfig(env: Readonly<Record<string, string | undefined>>) {
  const localeId = requiredEnv(env, 'BOT_LOCALE_ID');
  if (!isBotLocaleId(localeId)) throw new ConfigurationError('BOT_LOCALE_ID', `names no locale of the bot: "${localeId}"`);
  return {
    bot: { botId: requiredEnv(env, 'BOT_ID'), botAliasId: requiredEnv(env, 'BOT_ALIAS_ID'), localeId },
    defaultUtterance: env['DEFAULT_UTTERANCE']?.trim() || DEFAULT_UTTERANCE,
  };
}

/**
 * Answers a message without recognised faces: its text, cleaned of mentions
 * and links, goes to the Lex bot in the author's own session, and the bot's
 * answer becomes a `SEND_REPLY`. If Lex fails, nothing is sent and the error is
 * thrown (Lambda retries, then the rule's dead-letter queue has it).
 */
export async function respondWithText(event: unknown, deps: TextResponderDeps): Promise<SendReply> {
  const { detail: message } = parseBusEvent(event, ['MESSAGE_ANALYSED']);
  const text = utteranceFor(message.Text, deps.defaultUtterance);
  const sessionId = sessionIdFor(message.Channel, message.AuthorId);

  let answer;
  try {
    answer = await askBot(deps.lex, deps.bot, { sessionId, text, requestAttributes: { channel: message.Channel } });
  } catch (error) {
    throw new BotUnavailableError(message.MessageId, { cause: error });
  }
  if (answer.messages.length === 0) throw new EmptyBotAnswerError(message.MessageId, answer.intent);

  const command = replyCommand(message, { responder: 'TEXT', text: answer.messages.join('\n') }, deps.now());
  await putEvents(deps.eventBridge, [{ detailType: 'SEND_REPLY', detail: command }]);
  logger.info('Reply requested', { messageId: message.MessageId, commandId: command.CommandId, intent: answer.intent });
  metrics.addMetric(`Intent${answer.intent ?? 'None'}`, MetricUnit.Count, 1);
  return command;
}

const lex = tracer.captureAWSv3Client(new LexRuntimeV2Client({}));
const eventBridge = tracer.captureAWSv3Client(new EventBridgeClient({}));
let config: ReturnType<typeof textResponderConfig> | undefined;

export const handler = async (event: unknown, context: Context): Promise<void> =>
  observed(context, async () => {
    config ??= textResponderConfig(process.env);
    await respondWithText(event, { lex, eventBridge, ...config, now: () => new Date() });
  });
