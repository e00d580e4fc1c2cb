/**
 * Read-only Lex V2 model-building views of the local bots (ListBots,
 * DescribeBot, ListBotLocales, ListIntents, ListBotAliases) in the
 * `@aws-sdk/client-lex-models-v2` shapes, so a developer can inspect what the
 * local runtime was trained on with the usual client. Pure.
 */
import type {
  DescribeBotResponse,
  ListBotAliasesResponse,
  ListBotLocalesResponse,
  ListBotsResponse,
  ListIntentsResponse,
} from '@aws-sdk/client-lex-models-v2';
import { ResourceNotFoundException } from '../errors';
import type { LexAlias, LexBot } from './bot-definition';

type Body<T> = Omit<T, '$metadata'>;

const LOCALE_NAMES: Readonly<Record<string, string>> = {
  en_GB: 'English (GB)',
  en_US: 'English (US)',
  en_AU: 'English (AU)',
  es_ES: 'Spanish (ES)',
  es_US: 'Spanish (US)',
  fr_FR: 'French (FR)',
  de_DE: 'German (DE)',
  it_IT: 'Italian (IT)',
};

/** What every view says about a bot: local bots are built (Available) as soon as their stack is provisioned. */
const identity = (bot: LexBot, loadedAt: Date) =>
  ({ botId: bot.id, botName: bot.name, description: bot.description, botStatus: 'Available', botType: 'Bot', lastUpdatedDateTime: loadedAt }) as const;

export function listBots(bots: readonly LexBot[], loadedAt: Date): Body<ListBotsResponse> {
  return { botSummaries: bots.map((bot) => ({ ...identity(bot, loadedAt), latestBotVersion: 'DRAFT' })) };
}

export function describeBot(bot: LexBot | undefined, botId: string, loadedAt: Date): Body<DescribeBotResponse> {
  if (!bot) throw new ResourceNotFoundException(`Could not find bot ${botId}`);
  return {
    ...identity(bot, loadedAt),
    roleArn: bot.roleArn,
    dataPrivacy: { childDirected: false },
    idleSessionTTLInSeconds: bot.idleSessionTtlSeconds,
    creationDateTime: loadedAt,
  };
}

export function listBotLocales(bot: LexBot | undefined, botId: string, loadedAt: Date): Body<ListBotLocalesResponse> {
  if (!bot) throw new ResourceNotFoundException(`Could not find bot ${botId}`);
  return {
    botId: bot.id,
    botVersion: 'DRAFT',
    botLocaleSummaries: bot.locales.map((l) => ({
      localeId: l.localeId,
      localeName: LOCALE_NAMES[l.localeId] ?? l.localeId,
      description: l.description,
      botLocaleStatus: 'Built',
      lastUpdatedDateTime: loadedAt,
      lastBuildSubmittedDateTime: loadedAt,
    })),
  };
}

export function listIntents(bot: LexBot | undefined, request: { botId: string; botVersion: string; localeId: string }, loadedAt: Date): Body<ListIntentsResponse> {
  const locale = bot?.locales.find((l) => l.localeId === request.localeId);
  if (!bot || !locale) throw new ResourceNotFoundException(`Could not find locale ${request.localeId} of bot ${request.botId}`);
  return {
    botId: bot.id,
    botVersion: request.botVersion,
    localeId: locale.localeId,
    intentSummaries: locale.intents.map((intent) => ({
      intentId: `${bot.id}-${locale.localeId}-${intent.name}`.replace(/[^0-9A-Za-z]/g, '').slice(0, 10).toUpperCase(),
      intentName: intent.name,
      description: intent.description,
      parentIntentSignature: intent.parentIntentSignature,
      inputContexts: [],
      outputContexts: [],
      lastUpdatedDateTime: loadedAt,
    })),
  };
}

export function listBotAliases(bot: LexBot | undefined, botId: string, aliases: readonly LexAlias[], loadedAt: Date): Body<ListBotAliasesResponse> {
  if (!bot) throw new ResourceNotFoundException(`Could not find bot ${botId}`);
  return {
    botId: bot.id,
    botAliasSummaries: aliases.map((a) => ({
      botAliasId: a.id,
      botAliasName: a.name,
      botVersion: a.botVersion,
      botAliasStatus: 'Available',
      creationDateTime: loadedAt,
      lastUpdatedDateTime: loadedAt,
    })),
  };
}
