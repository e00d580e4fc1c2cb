import { RecognizeTextCommand, type LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';

export interface BotAddress {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
}

export interface BotAnswer {
  /** The intent Lex recognised (or `FallbackIntent`). */
  readonly intent?: string;
  readonly confidence?: number;
  /** The text of the bot's plain-text (and custom-payload) messages, in order. */
  readonly messages: readonly string[];
}

/** Asks the bot with `RecognizeText`; SDK errors propagate unchanged for the caller to wrap. */
export async function askBot(
  client: LexRuntimeV2Client,
  bot: BotAddress,
  request: { readonly sessionId: string; readonly text: string; readonly requestAttributes?: Record<string, string> },
): Promise<BotAnswer> {
  const response = await client.send(
    new RecognizeTextCommand({
      botId: bot.botId,
      botAliasId: bot.botAliasId,
      localeId: bot.localeId,
      sessionId: request.sessionId,
      text: request.text,
      ...(request.requestAttributes ? { requestAttributes: request.requestAttributes } : {}),
    }),
  );
  const top = response.interpretations?.[0];
  const messages = (response.messages ?? [])
    .filter((m) => (m.contentType === 'PlainText' || m.contentType === 'CustomPayload') && m.content?.trim())
    .map((m) => m.content!.trim());
  return {
    ...(response.sessionState?.intent?.name ? { intent: response.sessionState.intent.name } : {}),
    ...(top?.nluConfidence?.score !== undefined ? { confidence: top.nluConfidence.score } : {}),
    messages,
  };
}
