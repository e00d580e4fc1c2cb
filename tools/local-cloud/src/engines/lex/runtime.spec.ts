import fixture from './__fixtures__/responding-bot.json';
import { aliasFromTemplate, botFromTemplate } from './bot-definition';
import type { CodeHookEvent } from './code-hook';
import { LocalLexRuntime } from './runtime';

const HOOK = 'arn:aws:lambda:eu-west-1:000000000000:function:Responding-Fulfilment';

/** A code hook like the responding service's: closes the intent with a message and counts turns. */
function fulfilment() {
  const events: CodeHookEvent[] = [];
  const invoke = jest.fn(async (_arn: string, event: unknown) => {
    const e = event as CodeHookEvent;
    events.push(e);
    const turns = String(Number(e.sessionState.sessionAttributes.turns ?? '0') + 1);
    return {
      sessionState: {
        sessionAttributes: { ...e.sessionState.sessionAttributes, turns },
        dialogAction: { type: 'Close' },
        intent: { name: e.sessionState.intent.name, state: 'Fulfilled', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: `answer for ${e.sessionState.intent.name}` }],
    };
  });
  return { events, invoke };
}

function runtime(invoke: (arn: string, event: unknown) => Promise<unknown>, now = () => 1_000_000) {
  const lex = new LocalLexRuntime({ invoker: { invoke }, now, requestId: () => 'req-1' });
  lex.putBot(botFromTemplate('RSPBOT0001', fixture.bot));
  lex.putAlias(aliasFromTemplate('ALIAS00001', fixture.alias));
  return lex;
}

const ask = (lex: LocalLexRuntime, text: string, sessionId = 'TWITTER.1498961531635122999') =>
  lex.recognizeText({ botId: 'RSPBOT0001', botAliasId: 'ALIAS00001', localeId: 'en_GB', sessionId, text });

describe('LocalLexRuntime', () => {
  it('reads the bot from the synthesized template: locales, threshold, intents, utterances, fallback, code hook', () => {
    const bot = botFromTemplate('RSPBOT0001', fixture.bot);
    expect(bot.idleSessionTtlSeconds).toBe(300);
    expect(bot.locales.map((l) => [l.localeId, l.nluConfidenceThreshold])).toEqual([
      ['en_GB', 0.6],
      ['en_US', 0.6],
    ]);
    expect(bot.locales[0]!.intents.map((i) => [i.name, i.utterances.length > 0, i.parentIntentSignature])).toEqual([
      ['Joke', true, undefined],
      ['Fact', true, undefined],
      ['FallbackIntent', false, 'AMAZON.FallbackIntent'],
    ]);
    expect(aliasFromTemplate('ALIAS00001', fixture.alias).codeHooks).toEqual({ en_GB: HOOK, en_US: HOOK });
  });

  it('recognises the intent, calls the code hook with the Lex V2 event and answers with its messages', async () => {
    const { events, invoke } = fulfilment();
    const answer = await ask(runtime(invoke), '@makitdev tell me a joke please');
    expect(invoke).toHaveBeenCalledWith(HOOK, expect.anything());
    expect(events[0]).toMatchObject({
      messageVersion: '1.0',
      invocationSource: 'FulfillmentCodeHook',
      inputMode: 'Text',
      sessionId: 'TWITTER.1498961531635122999',
      inputTranscript: '@makitdev tell me a joke please',
      bot: { id: 'RSPBOT0001', aliasId: 'ALIAS00001', localeId: 'en_GB', version: '1', name: fixture.bot.Name },
      sessionState: { intent: { name: 'Joke', state: 'ReadyForFulfillment', confirmationState: 'None', slots: {} }, sessionAttributes: {} },
    });
    expect(answer.messages).toEqual([{ contentType: 'PlainText', content: 'answer for Joke' }]);
    expect(answer.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'Joke', state: 'Fulfilled' } });
    expect(answer.interpretations![0]).toMatchObject({ intent: { name: 'Joke' }, interpretationSource: 'Lex' });
    expect(answer.interpretations![0]!.nluConfidence!.score).toBeGreaterThanOrEqual(0.6);
    expect(answer.interpretations!.map((i) => i.intent!.name)).toContain('FallbackIntent');
    expect(answer.sessionId).toBe('TWITTER.1498961531635122999');
  });

  it('answers the fallback intent below the confidence threshold', async () => {
    const { events, invoke } = fulfilment();
    const answer = await ask(runtime(invoke), 'what is the weather like in Paris on Sunday');
    expect(answer.interpretations![0]!.intent!.name).toBe('FallbackIntent');
    expect(answer.interpretations![0]!.nluConfidence).toBeUndefined();
    expect(events[0]!.sessionState.intent.name).toBe('FallbackIntent');
  });

  it('keeps session attributes between turns and forgets them after the idle TTL', async () => {
    let clock = 1_000_000;
    const { events, invoke } = fulfilment();
    const lex = runtime(invoke, () => clock);
    await ask(lex, 'tell me a fact');
    clock += 299_000;
    const second = await ask(lex, 'another fact please');
    expect(second.sessionState!.sessionAttributes).toEqual({ turns: '2' });
    clock += 301_000;
    await ask(lex, 'tell me a fact');
    expect(events[2]!.sessionState.sessionAttributes).toEqual({});
    expect(await ask(lex, 'tell me a joke', 'other-session')).toMatchObject({ sessionState: { sessionAttributes: { turns: '1' } } });
  });

  it('fails with DependencyFailedException when the code hook fails or answers badly', async () => {
    const failing = runtime(async () => {
      throw new Error('Unhandled');
    });
    await expect(ask(failing, 'tell me a joke')).rejects.toMatchObject({ name: 'DependencyFailedException' });
    const broken = runtime(async () => ({ messages: 'hello' }));
    await expect(ask(broken, 'tell me a joke')).rejects.toMatchObject({ name: 'DependencyFailedException', message: expect.stringContaining('Invalid Lambda Response') });
  });

  it('validates the request as Lex does', async () => {
    const lex = runtime(fulfilment().invoke);
    await expect(ask(lex, 'hi', 'x')).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(ask(lex, 'a'.repeat(1025))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(lex.recognizeText({ botId: 'NOPE', botAliasId: 'ALIAS00001', localeId: 'en_GB', sessionId: 'abc', text: 'hi' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(lex.recognizeText({ botId: 'RSPBOT0001', botAliasId: 'ALIAS00001', localeId: 'fr_FR', sessionId: 'abc', text: 'salut' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('closes the intent itself when the alias has no code hook', async () => {
    const lex = new LocalLexRuntime({ invoker: { invoke: jest.fn() } });
    lex.putBot(botFromTemplate('RSPBOT0001', fixture.bot));
    lex.putAlias(aliasFromTemplate('ALIAS00002', { ...fixture.alias, BotAliasLocaleSettings: [] }));
    const answer = await lex.recognizeText({ botId: 'RSPBOT0001', botAliasId: 'ALIAS00002', localeId: 'en_US', sessionId: 'abc', text: 'tell me a joke' });
    expect(answer.messages).toBeUndefined();
    expect(answer.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'Joke', state: 'Fulfilled' } });
  });
});
