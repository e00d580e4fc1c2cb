import { DescribeBotCommand, LexModelsV2Client, ListBotAliasesCommand, ListBotLocalesCommand, ListBotsCommand, ListIntentsCommand } from '@aws-sdk/client-lex-models-v2';
import { DeleteSessionCommand, GetSessionCommand, LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import type { InvocationRequest, InvocationResponse } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { SdkModule } from '../../core/protocols';
import { defineService } from '../../core/service';
import fixture from '../../engines/lex/__fixtures__/responding-bot.json';
import { lexModelsService } from '../lexmodels';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { lexService, type LexApi } from './index';

const HOOK = 'arn:aws:lambda:eu-west-1:000000000000:function:Responding-Fulfilment';
const received: Array<{ arn: string; event: Record<string, unknown> }> = [];

/** A stand-in Lambda service whose one function answers as the responding fulfilment does. */
const fakeLambda = defineService({
  name: 'lambda',
  signingName: 'lambda',
  protocol: 'restJson1',
  sdk: () => require('@aws-sdk/client-lambda') as SdkModule,
  resourceTypes: [],
  create: () => ({
    resources: {},
    operations: {
      Invoke: async (input: InvocationRequest): Promise<InvocationResponse> => {
        const event = JSON.parse(new TextDecoder().decode(input.Payload)) as { sessionState: { intent: { name: string }; sessionAttributes: Record<string, string> } };
        received.push({ arn: input.FunctionName!, event });
        const answer = {
          sessionState: { sessionAttributes: event.sessionState.sessionAttributes, dialogAction: { type: 'Close' }, intent: { name: event.sessionState.intent.name, state: 'Fulfilled' } },
          messages: [{ contentType: 'PlainText', content: `Here is a ${event.sessionState.intent.name.toLowerCase()}.` }],
        };
        return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(answer)) };
      },
    },
  }),
});

let env: TestCloud;
/**
 * The runtime client defaults to HTTP/2 (for its streaming operations); the local
 * endpoint speaks HTTP/1.1, so the client is given the HTTP/1.1 handler here.
 */
const runtimeClient = () => new LexRuntimeV2Client({ ...env.client, requestHandler: new NodeHttpHandler() });
let botId: string;
let botAliasId: string;

beforeAll(async () => {
  env = await startTestCloud([fakeLambda, lexService, lexModelsService]);
  const bot = await env.provision('AWS::Lex::Bot', 'BotAD59FDB8', fixture.bot, 'Responding');
  botId = String(bot.attributes!.Id);
  const version = await env.provision('AWS::Lex::BotVersion', 'BotVersion8fed81d02A52CC0F', { BotId: botId }, 'Responding');
  const alias = await env.provision('AWS::Lex::BotAlias', 'BotAlias67870AC9', { ...fixture.alias, BotId: botId, BotVersion: version.attributes!.BotVersion }, 'Responding');
  botAliasId = String(alias.attributes!.BotAliasId);
});
afterAll(() => env.dispose());

describe('Lex V2 over the wire', () => {
  it('gives bots and aliases Lex-shaped ids and ARNs', () => {
    expect(botId).toMatch(/^[A-Z0-9]{10}$/);
    expect(botAliasId).toMatch(/^[A-Z0-9]{10}$/);
  });

  it('answers RecognizeText at its REST path with the code hook reply, and keeps the session', async () => {
    const lex = runtimeClient();
    const answer = await lex.send(new RecognizeTextCommand({ botId, botAliasId, localeId: 'en_GB', sessionId: 'TWITTER.1498961531635122999', text: 'tell me a joke' }));
    expect(answer.messages).toEqual([{ contentType: 'PlainText', content: 'Here is a joke.' }]);
    expect(answer.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'Joke', state: 'Fulfilled' } });
    expect(answer.interpretations![0]).toMatchObject({ intent: { name: 'Joke' }, nluConfidence: { score: expect.any(Number) } });
    expect(received.at(-1)).toMatchObject({ arn: HOOK, event: { invocationSource: 'FulfillmentCodeHook', bot: { id: botId, aliasId: botAliasId, version: '1' } } });

    const session = await lex.send(new GetSessionCommand({ botId, botAliasId, localeId: 'en_GB', sessionId: 'TWITTER.1498961531635122999' }));
    expect(session.sessionId).toBe('TWITTER.1498961531635122999');
    await lex.send(new DeleteSessionCommand({ botId, botAliasId, localeId: 'en_GB', sessionId: 'TWITTER.1498961531635122999' }));
    await expect(lex.send(new GetSessionCommand({ botId, botAliasId, localeId: 'en_GB', sessionId: 'TWITTER.1498961531635122999' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('answers ResourceNotFoundException for an unknown bot', async () => {
    const lex = runtimeClient();
    await expect(lex.send(new RecognizeTextCommand({ botId: 'NOSUCHBOT0', botAliasId, localeId: 'en_GB', sessionId: 'abc', text: 'hi' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('lets developers inspect the local bot with the model-building client', async () => {
    await (env.cloud.instance('lex')!.api as LexApi).warmedUp;
    const models = new LexModelsV2Client(env.client);
    const { botSummaries } = await models.send(new ListBotsCommand({}));
    expect(botSummaries).toEqual([expect.objectContaining({ botId, botName: 'MessageAnalyserBot-Responding', botStatus: 'Available' })]);
    const bot = await models.send(new DescribeBotCommand({ botId }));
    expect(bot).toMatchObject({ botId, idleSessionTTLInSeconds: 300 });
    const locales = await models.send(new ListBotLocalesCommand({ botId, botVersion: 'DRAFT' }));
    expect(locales.botLocaleSummaries!.map((l) => l.localeId)).toEqual(['en_GB', 'en_US']);
    const intents = await models.send(new ListIntentsCommand({ botId, botVersion: 'DRAFT', localeId: 'en_GB' }));
    expect(intents.intentSummaries!.map((i) => [i.intentName, i.parentIntentSignature])).toEqual([
      ['Joke', undefined],
      ['Fact', undefined],
      ['FallbackIntent', 'AMAZON.FallbackIntent'],
    ]);
    const aliases = await models.send(new ListBotAliasesCommand({ botId }));
    expect(aliases.botAliasSummaries).toEqual([expect.objectContaining({ botAliasId, botAliasName: 'live', botVersion: '1' })]);
  });
});
