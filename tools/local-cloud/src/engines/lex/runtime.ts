/**
 * The local Lex V2 runtime: RecognizeText classifies the text with the
 * locale's trained NLU, applies the NLU confidence threshold (below it the
 * fallback intent wins, as in Lex), keeps the conversation's state per
 * session, and, when the alias has a Lambda code hook for the locale and the
 * intent enables it, calls the function with the Lex V2 event and answers
 * with what it returned.
 */
import type { Intent, Interpretation, RecognizeTextResponse, SessionState } from '@aws-sdk/client-lex-runtime-v2';
import { randomUUID } from 'node:crypto';
import { DependencyFailedException, ResourceNotFoundException, ValidationException } from '../errors';
import type { LambdaInvoker, LexRuntimeEngine, RecognizeTextRequest } from '../types';
import { fallbackIntent, type LexAlias, type LexBot, type LexIntent, type LexLocale } from './bot-definition';
import { codeHookEvent, parseCodeHookResult } from './code-hook';
import { trainNlu, type TrainedNlu } from './nlu';
import { SessionStore, type SessionKey } from './sessions';

/** Lex returns the top interpretations, fallback included. */
const MAX_INTERPRETATIONS = 5;
const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;

export interface LocalLexRuntimeOptions {
  readonly invoker: LambdaInvoker;
  readonly now?: () => number;
  readonly requestId?: () => string;
}

export class LocalLexRuntime implements LexRuntimeEngine {
  private readonly bots = new Map<string, LexBot>();
  private readonly aliases = new Map<string, LexAlias>();
  private readonly nlus = new Map<string, Promise<TrainedNlu>>();
  private readonly sessions: SessionStore;
  private readonly requestId: () => string;

  constructor(private readonly options: LocalLexRuntimeOptions) {
    this.sessions = new SessionStore(options.now);
    this.requestId = options.requestId ?? randomUUID;
  }

  /** Adds or replaces a bot (its NLU retrains on next use). */
  putBot(bot: LexBot): void {
    this.bots.set(bot.id, bot);
    for (const key of [...this.nlus.keys()]) if (key.startsWith(`${bot.id}/`)) this.nlus.delete(key);
  }

  putAlias(alias: LexAlias): void {
    this.aliases.set(`${alias.botId}/${alias.id}`, alias);
  }

  listBots(): LexBot[] {
    return [...this.bots.values()];
  }

  bot(botId: string): LexBot | undefined {
    return this.bots.get(botId);
  }

  aliasesOf(botId: string): LexAlias[] {
    return [...this.aliases.values()].filter((a) => a.botId === botId);
  }

  /** Trains every locale now (start-up), returning milliseconds per bot/locale. */
  async warmUp(): Promise<Record<string, number>> {
    const timings: Record<string, number> = {};
    for (const bot of this.bots.values()) {
      for (const locale of bot.locales) {
        const start = performance.now();
        await this.nlu(bot, locale);
        timings[`${bot.name}/${locale.localeId}`] = Math.round(performance.now() - start);
      }
    }
    return timings;
  }

  async recognizeText(request: RecognizeTextRequest): Promise<Omit<RecognizeTextResponse, '$metadata'>> {
    const { bot, alias, locale } = this.resolve(request);
    if (typeof request.text !== 'string' || request.text.length < 1 || request.text.length > 1024) {
      throw new ValidationException("1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length between 1 and 1024");
    }
    if (!SESSION_ID.test(request.sessionId)) {
      throw new ValidationException(
        `1 validation error detected: Value '${request.sessionId}' at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z._:-]+ and have length between 2 and 100`,
      );
    }
    const key: SessionKey = { botId: bot.id, botAliasId: alias.id, localeId: locale.localeId, sessionId: request.sessionId };
    const stored = this.sessions.get(key, bot.idleSessionTtlSeconds);
    const requestId = this.requestId();
    const sessionAttributes = { ...(stored?.sessionAttributes ?? {}), ...(request.sessionState?.sessionAttributes ?? {}) };
    const requestAttributes = { ...(request.requestAttributes ?? {}) };

    const interpretations = await this.interpret(bot, locale, request.text);
    const chosen = locale.intents.find((i) => i.name === interpretations[0]!.intent!.name)!;
    let intent: Intent = { name: chosen.name, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' };
    let state: SessionState = { sessionAttributes, intent, originatingRequestId: requestId, dialogAction: { type: 'Close' } };
    let messages: RecognizeTextResponse['messages'];
    let answeredAttributes = requestAttributes;

    const hook = alias.codeHooks[locale.localeId];
    const event = (source: 'DialogCodeHook' | 'FulfillmentCodeHook') =>
      codeHookEvent({
        source,
        sessionId: request.sessionId,
        text: request.text,
        bot: { id: bot.id, name: bot.name, aliasId: alias.id, aliasName: alias.name, localeId: locale.localeId, version: alias.botVersion },
        interpretations,
        intent: { ...intent, state: source === 'DialogCodeHook' ? 'InProgress' : 'ReadyForFulfillment' },
        sessionAttributes: { ...(state.sessionAttributes ?? {}) },
        requestAttributes,
        requestId,
      });

    if (hook && chosen.dialogCodeHook) {
      const answer = await this.callHook(hook, event('DialogCodeHook'));
      state = { ...state, ...answer.sessionState, originatingRequestId: requestId };
      intent = { ...intent, ...(answer.sessionState.intent ?? {}) };
      messages = answer.messages;
      answeredAttributes = answer.requestAttributes ?? answeredAttributes;
    }
    const delegated = !chosen.dialogCodeHook || state.dialogAction?.type === 'Delegate';
    if (delegated && hook && chosen.fulfillmentCodeHook) {
      const answer = await this.callHook(hook, event('FulfillmentCodeHook'));
      state = { ...answer.sessionState, originatingRequestId: requestId };
      intent = { ...intent, ...(answer.sessionState.intent ?? {}) };
      messages = answer.messages;
      answeredAttributes = answer.requestAttributes ?? answeredAttributes;
    } else if (delegated) {
      // No code hook: Lex closes the intent as fulfilled, with no message of its own.
      intent = { ...intent, state: 'Fulfilled' };
      state = { ...state, dialogAction: { type: 'Close' } };
    }
    state = { ...state, intent, sessionAttributes: state.sessionAttributes ?? {} };
    this.sessions.put(key, {
      sessionAttributes: state.sessionAttributes!,
      intent: state.dialogAction?.type === 'Close' ? undefined : intent,
      dialogAction: state.dialogAction,
      originatingRequestId: requestId,
    });
    return {
      ...(messages && messages.length > 0 ? { messages } : {}),
      sessionState: state,
      interpretations: interpretations.map((i) => (i.intent!.name === intent.name ? { ...i, intent } : i)),
      requestAttributes: answeredAttributes,
      sessionId: request.sessionId,
    };
  }

  /** GetSession: the stored state of a live session. */
  getSession(request: Omit<RecognizeTextRequest, 'text'>): { sessionId: string; sessionState: SessionState; interpretations: Interpretation[] } {
    const { bot, alias, locale } = this.resolve(request);
    const stored = this.sessions.get({ botId: bot.id, botAliasId: alias.id, localeId: locale.localeId, sessionId: request.sessionId }, bot.idleSessionTtlSeconds);
    if (!stored) throw new ResourceNotFoundException(`Session ${request.sessionId} does not exist`);
    return {
      sessionId: request.sessionId,
      sessionState: { sessionAttributes: stored.sessionAttributes, intent: stored.intent, dialogAction: stored.dialogAction, originatingRequestId: stored.originatingRequestId },
      interpretations: [],
    };
  }

  /** DeleteSession. */
  deleteSession(request: Omit<RecognizeTextRequest, 'text'>): { botId: string; botAliasId: string; localeId: string; sessionId: string } {
    const { bot, alias, locale } = this.resolve(request);
    const key = { botId: bot.id, botAliasId: alias.id, localeId: locale.localeId, sessionId: request.sessionId };
    if (!this.sessions.delete(key)) throw new ResourceNotFoundException(`Session ${request.sessionId} does not exist`);
    return key;
  }

  private resolve(request: Pick<RecognizeTextRequest, 'botId' | 'botAliasId' | 'localeId'>): { bot: LexBot; alias: LexAlias; locale: LexLocale } {
    const bot = this.bots.get(request.botId);
    if (!bot) throw new ResourceNotFoundException(`Could not find bot ${request.botId}`);
    const alias = this.aliases.get(`${bot.id}/${request.botAliasId}`);
    if (!alias) throw new ResourceNotFoundException(`Could not find alias ${request.botAliasId} of bot ${request.botId}`);
    const locale = bot.locales.find((l) => l.localeId === request.localeId);
    if (!locale) throw new ResourceNotFoundException(`Could not find locale ${request.localeId} of bot ${request.botId}`);
    return { bot, alias, locale };
  }

  private nlu(bot: LexBot, locale: LexLocale): Promise<TrainedNlu> {
    const key = `${bot.id}/${locale.localeId}`;
    let nlu = this.nlus.get(key);
    if (!nlu) {
      nlu = trainNlu(locale);
      this.nlus.set(key, nlu);
    }
    return nlu;
  }

  /** Ranked interpretations: the fallback first when no intent reaches the threshold. */
  private async interpret(bot: LexBot, locale: LexLocale, text: string): Promise<Interpretation[]> {
    const scores = await (await this.nlu(bot, locale)).classify(text);
    const fallback = fallbackIntent(locale);
    const interpretation = (intent: LexIntent, score?: number): Interpretation => ({
      intent: { name: intent.name, slots: {}, state: 'InProgress', confirmationState: 'None' },
      interpretationSource: 'Lex',
      ...(score !== undefined ? { nluConfidence: { score: Math.round(score * 100) / 100 } } : {}),
    });
    const known = scores.flatMap((s) => {
      const intent = locale.intents.find((i) => i.name === s.intent);
      return intent ? [{ intent, score: s.score }] : [];
    });
    const above = known.filter((s) => s.score >= locale.nluConfidenceThreshold).map((s) => interpretation(s.intent, s.score));
    const below = known.filter((s) => s.score < locale.nluConfidenceThreshold).map((s) => interpretation(s.intent, s.score));
    return [...above, interpretation(fallback), ...below].slice(0, MAX_INTERPRETATIONS);
  }

  private async callHook(functionArn: string, event: ReturnType<typeof codeHookEvent>) {
    let result: unknown;
    try {
      result = await this.options.invoker.invoke(functionArn, event);
    } catch (error) {
      throw new DependencyFailedException(`Invalid Lambda Response: Received error response from Lambda: ${(error as Error).message}`, { cause: error });
    }
    return parseCodeHookResult(result);
  }
}
