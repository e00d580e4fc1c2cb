import type { LexV2Result } from 'aws-lambda';
import { json, startServer, type TestServer } from '../__testing__/http-server';
import { CORPORA, HELP_TEXT } from '../bot/answers';
import { InvalidCodeHookEventError } from '../errors';
import codeHookJoke from '../bot/__fixtures__/code-hook-joke.json';
import { fulfil, fulfilmentConfig, type FulfilmentConfig } from './fulfilment';

const withIntent = (name: string, sessionAttributes: Record<string, string> = {}) => {
  const event = structuredClone(codeHookJoke) as typeof codeHookJoke & { sessionState: { sessionAttributes: Record<string, string> } };
  event.sessionState.intent.name = name;
  event.sessionState.sessionAttributes = sessionAttributes;
  return event;
};
const corpusOnly: FulfilmentConfig = { apiUrls: {}, apiTimeoutMs: 700 };
const content = (result: LexV2Result) => (result.messages?.[0] as { content: string }).content;

describe('fulfilment code hook', () => {
  it('closes the dialog with the intent fulfilled and one plain-text joke, in Lex V2 format', async () => {
    const result = await fulfil(codeHookJoke, { config: corpusOnly, random: () => 0 });
    expect(result).toEqual({
      sessionState: {
        sessionAttributes: { recentJokes: '0' },
        dialogAction: { type: 'Close' },
        intent: { name: 'Joke', state: 'Fulfilled', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: CORPORA.JOKE.items[0] }],
    });
  });

  it('answers Fact with a fact and keeps the session attributes it was given', async () => {
    const result = await fulfil(withIntent('Fact', { topic: 'space' }), { config: corpusOnly, random: () => 0.999 });
    expect(CORPORA.FACT.items).toContain(content(result));
    expect(result.sessionState.sessionAttributes).toMatchObject({ topic: 'space', recentFacts: String(CORPORA.FACT.items.length - 1) });
    expect(result.sessionState.intent).toEqual({ name: 'Fact', state: 'Fulfilled', slots: {} });
  });

  it('answers the fallback with what the bot can do', async () => {
    const result = await fulfil(withIntent('FallbackIntent'), { config: corpusOnly, random: Math.random });
    expect(content(result)).toBe(HELP_TEXT);
    expect(result.sessionState.dialogAction).toEqual({ type: 'Close' });
    expect(result.sessionState.intent?.state).toBe('Fulfilled');
  });

  it('refuses what is not a Lex V2 code-hook request, naming the problem', async () => {
    await expect(fulfil({ hello: 'world' }, { config: corpusOnly, random: Math.random })).rejects.toThrow(InvalidCodeHookEventError);
    await expect(fulfil({ ...codeHookJoke, sessionState: {} }, { config: corpusOnly, random: Math.random })).rejects.toThrow(
      /sessionState\.intent/,
    );
  });

  describe('with a configured joke API', () => {
    let server: TestServer;
    let behaviour: 'ok' | 'slow' | 'error' | 'garbage';
    beforeAll(async () => {
      server = await startServer(async (req, res) => {
        if (behaviour === 'slow') await new Promise((r) => setTimeout(r, 1500));
        if (behaviour === 'error') return json(res, 503, { message: 'down' });
        if (behaviour === 'garbage') return json(res, 200, { nothing: 'here' });
        return json(res, 200, { id: 'x1', joke: 'What do you call a fake noodle? An impasta.', status: 200 });
      });
    });
    afterAll(() => server.close());
    const config = (): FulfilmentConfig => ({ apiUrls: { JOKE: `${server.url}/` }, apiTimeoutMs: 700 });

    it('answers with the API joke, asking for JSON', async () => {
      behaviour = 'ok';
      const result = await fulfil(codeHookJoke, { config: config(), random: () => 0 });
      expect(content(result)).toBe('What do you call a fake noodle? An impasta.');
      expect(server.requests.at(-1)?.headers['accept']).toBe('application/json');
    });

    it.each(['slow', 'error', 'garbage'] as const)('falls back to the corpus when the API is %s', async (mode) => {
      // A slow API does answer, after 1.5 s: getting the corpus joke proves the 700 ms abort.
      behaviour = mode;
      const result = await fulfil(codeHookJoke, { config: config(), random: () => 0 });
      expect(content(result)).toBe(CORPORA.JOKE.items[0]);
    });

    it('does not call the joke API for facts', async () => {
      behaviour = 'ok';
      const before = server.requests.length;
      const result = await fulfil(withIntent('Fact'), { config: config(), random: () => 0 });
      expect(CORPORA.FACT.items).toContain(content(result));
      expect(server.requests).toHaveLength(before);
    });
  });
});

describe('fulfilmentConfig', () => {
  it('uses the corpus only unless an API URL is set, with a 700 ms budget', () => {
    expect(fulfilmentConfig({})).toEqual({ apiUrls: {}, apiTimeoutMs: 700 });
    expect(fulfilmentConfig({ JOKE_API_URL: 'https://icanhazdadjoke.com/', FACT_API_URL: '' })).toEqual({
      apiUrls: { JOKE: 'https://icanhazdadjoke.com/' },
      apiTimeoutMs: 700,
    });
  });

  it('rejects a malformed URL or timeout at start-up', () => {
    expect(() => fulfilmentConfig({ FACT_API_URL: 'not a url' })).toThrow(/FACT_API_URL is not a URL/);
    expect(() => fulfilmentConfig({ FACT_API_URL: 'ftp://facts.example' })).toThrow(/http\(s\)/);
    expect(() => fulfilmentConfig({ CONTENT_API_TIMEOUT_MS: '-3' })).toThrow(/positive integer/);
  });
});
