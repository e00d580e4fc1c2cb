export { LocalLexRuntime, type LocalLexRuntimeOptions } from './runtime';
export { botFromTemplate, aliasFromTemplate, fallbackIntent, FALLBACK_SIGNATURE, type LexBot, type LexAlias, type LexIntent, type LexLocale } from './bot-definition';
export { codeHookEvent, parseCodeHookResult, type CodeHookEvent, type CodeHookResult } from './code-hook';
export { trainNlu, nluLanguage, type TrainedNlu, type IntentScore } from './nlu';
export { SessionStore, type StoredSession, type SessionKey } from './sessions';
export { listBots, describeBot, listBotLocales, listIntents, listBotAliases } from './models';
