/**
 * Lex V2 model building (restJson1, signing name `lex`), read-only: ListBots,
 * DescribeBot, ListBotLocales, ListIntents and ListBotAliases over the bots
 * the `lex` service provisioned from the templates, so developers can inspect
 * the local bot with `@aws-sdk/client-lex-models-v2` or the AWS CLI. Bots are
 * defined by the templates: the model-changing operations answer NotImplemented.
 */
import type { DescribeBotRequest, ListBotAliasesRequest, ListBotLocalesRequest, ListIntentsRequest } from '@aws-sdk/client-lex-models-v2';
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ServiceInstance } from '../../core/service';
import { describeBot, listBotAliases, listBotLocales, listBots, listIntents } from '../../engines/lex';
import { InternalServerException } from '../../engines/errors';
import type { LexApi } from '../lex';

export const lexModelsService = defineService({
  name: 'lexmodels',
  signingName: 'lex',
  protocol: 'restJson1',
  sdk: () => require('@aws-sdk/client-lex-models-v2') as SdkModule,
  resourceTypes: [],
  create: (cloud: Cloud): ServiceInstance<never> => {
    const lex = (): LexApi => {
      const api = cloud.instance('lex')?.api as LexApi | undefined;
      if (!api) throw new InternalServerException('The Lex runtime service is not running in this local cloud');
      return api;
    };
    const since = (api: LexApi, botId: string | undefined): Date => api.loadedAt.get(botId ?? '') ?? new Date(0);
    return {
      resources: {},
      operations: {
        ListBots: () => {
          const api = lex();
          const bots = api.runtime.listBots();
          return listBots(bots, bots.map((b) => since(api, b.id)).reduce((a, b) => (a > b ? a : b), new Date(0)));
        },
        DescribeBot: (input: DescribeBotRequest) => {
          const api = lex();
          return describeBot(api.runtime.bot(input.botId!), input.botId!, since(api, input.botId));
        },
        ListBotLocales: (input: ListBotLocalesRequest) => {
          const api = lex();
          return listBotLocales(api.runtime.bot(input.botId!), input.botId!, since(api, input.botId));
        },
        ListIntents: (input: ListIntentsRequest) => {
          const api = lex();
          return listIntents(api.runtime.bot(input.botId!), { botId: input.botId!, botVersion: input.botVersion!, localeId: input.localeId! }, since(api, input.botId));
        },
        ListBotAliases: (input: ListBotAliasesRequest) => {
          const api = lex();
          return listBotAliases(api.runtime.bot(input.botId!), input.botId!, api.runtime.aliasesOf(input.botId!), since(api, input.botId));
        },
      },
    };
  },
});
