import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LexRuntimeV2Client, RecognizeTextCommand, type RecognizeTextResponse } from '@aws-sdk/client-lex-runtime-v2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { parseDetail, type MessageAnalysed } from '@sma/contracts';
import { busEvent } from '@sma/contracts/testing';
import recognized from '../bot/__fixtures__/recognize-text-joke.json';
import routing from '../routing/__fixtures__/responder-routing.json';
import { BotUnavailableError, ConfigurationError, EmptyBotAnswerError } from '../errors';
import { respondWithText, textResponderConfig, type TextResponderDeps } from './text-responder';

const lex = mockClient(LexRuntimeV2Client);
const eventBridge = mockClient(EventBridgeClient);
const now = new Date('2022-09-21T12:56:25.100Z');
const deps = (): TextResponderDeps => ({
  lex: new LexRuntimeV2Client({}),
  eventBridge: new EventBridgeClient({}),
  bot: { botId: 'QW8ZQ1XNHQ', botAliasId: 'VJ3XH4QZ7N', localeId: 'en_GB' },
  defaultUtterance: 'Tell me a fact',
  now: () => now,
});
const caseEvent = (name: string) => routing.cases.find((c) => c.name === name)!.event;
const sentDetail = () => {
  const entry = eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]!;
  expect(entry.DetailType).toBe('SEND_REPLY');
  expect(entry.Source).toBe('RESPONDING');
  return parseDetail('SEND_REPLY', JSON.parse(entry.Detail!));
};

beforeEach(() => {
  lex.reset();
  eventBridge.reset();
  lex.on(RecognizeTextCommand).resolves(recognized as RecognizeTextResponse);
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
});

describe('text responder', () => {
  it('asks the bot with the cleaned text in the author’s session and requests the reply', async () => {
    await respondWithText(caseEvent('tweet without a photo'), deps());
    expect(lex).toHaveReceivedCommandWith(RecognizeTextCommand, {
      botId: 'QW8ZQ1XNHQ',
      botAliasId: 'VJ3XH4QZ7N',
      localeId: 'en_GB',
      sessionId: 'twitter-1498961531635122999',
      text: 'tell me a joke',
    });
    expect(sentDetail()).toEqual({
      CommandId: 'REPLY-TWITTER-1572570427880538999',
      MessageId: 'TWITTER-1572570427880538999',
      Channel: 'TWITTER',
      Responder: 'TEXT',
      Text: 'Why did the bicycle fall over? It was two tired.',
      RequestedAt: '2022-09-21T12:56:25.100Z',
      Twitter: { TweetId: '1572570427880538999', UserId: '1498961531635122999', ScreenName: 'harry11' },
    });
  });

  it('answers a Slack message in its thread, with Slack markup removed', async () => {
    await respondWithText(caseEvent('Slack message without files'), deps());
    expect(lex).toHaveReceivedCommandWith(RecognizeTextCommand, {
      sessionId: 'slack-U0123456',
      text: 'tell me a fact about octopuses',
    });
    const detail = sentDetail();
    expect(detail.CommandId).toBe('REPLY-SLACK-Ev0123456');
    expect(detail.Slack).toMatchObject({ ChannelId: 'C0123456', ThreadTs: '1700000000.000100' });
    expect(detail.Twitter).toBeUndefined();
  });

  it('says the default utterance when nothing is left of the message', async () => {
    const event = busEvent('MESSAGE_ANALYSED', { ...(caseEvent('tweet without a photo').detail as MessageAnalysed), Text: '@makitdev https://t.co/x1' });
    await respondWithText(event, deps());
    expect(lex).toHaveReceivedCommandWith(RecognizeTextCommand, { text: 'Tell me a fact' });
  });

  it('joins several bot messages into one reply', async () => {
    lex.on(RecognizeTextCommand).resolves({
      ...(recognized as RecognizeTextResponse),
      messages: [
        { contentType: 'PlainText', content: 'First.' },
        { contentType: 'ImageResponseCard', imageResponseCard: { title: 'ignored' } },
        { contentType: 'PlainText', content: ' Second. ' },
      ],
    });
    await respondWithText(caseEvent('tweet without a photo'), deps());
    expect(sentDetail().Text).toBe('First.\nSecond.');
  });

  it('asks for the same reply (same CommandId) when the event is delivered again or replayed', async () => {
    const event = caseEvent('tweet without a photo');
    await respondWithText(event, deps());
    await respondWithText({ ...event, 'replay-name': 'Plumbing-all-replay-1' }, deps());
    const ids = eventBridge.commandCalls(PutEventsCommand).map((c) => JSON.parse(c.args[0].input.Entries![0]!.Detail!).CommandId);
    expect(ids).toEqual(['REPLY-TWITTER-1572570427880538999', 'REPLY-TWITTER-1572570427880538999']);
  });

  it('sends nothing and throws when Lex fails, keeping the Lex error as the cause', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    lex.on(RecognizeTextCommand).rejects(throttled);
    const failure = respondWithText(caseEvent('tweet without a photo'), deps());
    await expect(failure).rejects.toThrow(BotUnavailableError);
    await expect(failure).rejects.toMatchObject({ cause: throttled, messageId: 'TWITTER-1572570427880538999' });
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('sends nothing and throws when the bot answers with no message', async () => {
    lex.on(RecognizeTextCommand).resolves({ ...(recognized as RecognizeTextResponse), messages: [] });
    await expect(respondWithText(caseEvent('tweet without a photo'), deps())).rejects.toThrow(EmptyBotAnswerError);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('refuses an event that is not a valid MESSAGE_ANALYSED before calling Lex', async () => {
    await expect(respondWithText(busEvent('SEND_REPLY'), deps())).rejects.toThrow(/expected one of MESSAGE_ANALYSED/);
    expect(lex).not.toHaveReceivedCommand(RecognizeTextCommand);
  });
});

describe('textResponderConfig', () => {
  it('reads the bot address the stack sets', () => {
    expect(textResponderConfig({ BOT_ID: 'B', BOT_ALIAS_ID: 'A', BOT_LOCALE_ID: 'en_US' })).toEqual({
      bot: { botId: 'B', botAliasId: 'A', localeId: 'en_US' },
      defaultUtterance: 'Tell me a fact',
    });
  });

  it('names what is missing or wrong', () => {
    expect(() => textResponderConfig({ BOT_ALIAS_ID: 'A', BOT_LOCALE_ID: 'en_GB' })).toThrow(/BOT_ID is not set/);
    expect(() => textResponderConfig({ BOT_ID: 'B', BOT_ALIAS_ID: 'A', BOT_LOCALE_ID: 'de_DE' })).toThrow(ConfigurationError);
  });
});
