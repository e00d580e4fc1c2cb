/**
 * A Lex V2 bot as the local runtime needs it, read from the synthesized
 * CloudFormation resources: `AWS::Lex::Bot` (name, idle-session TTL, locales
 * with their NLU confidence threshold and intents with sample utterances) and
 * `AWS::Lex::BotAlias` (the code-hook Lambda per locale). Pure.
 */
import { ValidationException } from '../errors';

export const FALLBACK_SIGNATURE = 'AMAZON.FallbackIntent';

export interface LexIntent {
  readonly name: string;
  readonly description?: string;
  readonly utterances: readonly string[];
  /** Built-in parent (`AMAZON.FallbackIntent` for the fallback). */
  readonly parentIntentSignature?: string;
  readonly fulfillmentCodeHook: boolean;
  readonly dialogCodeHook: boolean;
}

export interface LexLocale {
  readonly localeId: string;
  readonly description?: string;
  readonly nluConfidenceThreshold: number;
  readonly intents: readonly LexIntent[];
}

export interface LexBot {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly idleSessionTtlSeconds: number;
  readonly locales: readonly LexLocale[];
  readonly roleArn?: string;
}

export interface LexAlias {
  readonly botId: string;
  readonly id: string;
  readonly name: string;
  readonly botVersion: string;
  /** The code-hook Lambda ARN per locale (only enabled locales with a hook). */
  readonly codeHooks: Readonly<Record<string, string>>;
}

type Props = Readonly<Record<string, unknown>>;
const list = (v: unknown): Props[] => (Array.isArray(v) ? (v as Props[]) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const enabled = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as Props).Enabled === true;

/** Lex's default NLU confidence threshold when a locale gives none. */
const DEFAULT_THRESHOLD = 0.4;
const DEFAULT_IDLE_TTL = 300;

/** The bot from the resolved properties of its `AWS::Lex::Bot` resource; `id` is the local bot id. */
export function botFromTemplate(id: string, properties: Props): LexBot {
  const name = text(properties.Name);
  if (!name) throw new ValidationException(`AWS::Lex::Bot ${id} has no Name`);
  const locales = list(properties.BotLocales).map((locale): LexLocale => {
    const localeId = text(locale.LocaleId);
    if (!localeId) throw new ValidationException(`a locale of bot ${name} has no LocaleId`);
    const intents = list(locale.Intents).map((intent): LexIntent => {
      const intentName = text(intent.Name);
      if (!intentName) throw new ValidationException(`an intent of bot ${name} (${localeId}) has no Name`);
      if (list(intent.Slots).length > 0) {
        throw new ValidationException(`intent ${intentName} of bot ${name} has slots, which the local Lex runtime does not support`);
      }
      return {
        name: intentName,
        description: text(intent.Description),
        utterances: list(intent.SampleUtterances).flatMap((u) => text(u.Utterance) ?? []),
        parentIntentSignature: text(intent.ParentIntentSignature),
        fulfillmentCodeHook: enabled(intent.FulfillmentCodeHook),
        dialogCodeHook: enabled(intent.DialogCodeHook),
      };
    });
    if (!intents.some((i) => i.parentIntentSignature === FALLBACK_SIGNATURE)) {
      // Lex adds the built-in fallback to every locale.
      intents.push({ name: 'FallbackIntent', utterances: [], parentIntentSignature: FALLBACK_SIGNATURE, fulfillmentCodeHook: false, dialogCodeHook: false });
    }
    const threshold = typeof locale.NluConfidenceThreshold === 'number' ? locale.NluConfidenceThreshold : DEFAULT_THRESHOLD;
    return { localeId, description: text(locale.Description), nluConfidenceThreshold: threshold, intents };
  });
  const ttl = properties.IdleSessionTTLInSeconds;
  return {
    id,
    name,
    description: text(properties.Description),
    idleSessionTtlSeconds: typeof ttl === 'number' ? ttl : DEFAULT_IDLE_TTL,
    locales,
    roleArn: text(properties.RoleArn),
  };
}

/** The alias from the resolved properties of its `AWS::Lex::BotAlias` resource. */
export function aliasFromTemplate(id: string, properties: Props): LexAlias {
  const botId = text(properties.BotId);
  if (!botId) throw new ValidationException(`AWS::Lex::BotAlias ${id} has no BotId`);
  const codeHooks: Record<string, string> = {};
  for (const entry of list(properties.BotAliasLocaleSettings)) {
    const setting = (entry.BotAliasLocaleSetting ?? {}) as Props;
    const hook = ((setting.CodeHookSpecification as Props | undefined)?.LambdaCodeHook ?? {}) as Props;
    const localeId = text(entry.LocaleId);
    const arn = text(hook.LambdaArn);
    if (localeId && arn && setting.Enabled !== false) codeHooks[localeId] = arn;
  }
  return { botId, id, name: text(properties.BotAliasName) ?? id, botVersion: text(properties.BotVersion) ?? 'DRAFT', codeHooks };
}

export function fallbackIntent(locale: LexLocale): LexIntent {
  return locale.intents.find((i) => i.parentIntentSignature === FALLBACK_SIGNATURE)!;
}
