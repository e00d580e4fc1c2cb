import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, LexV2Result } from 'aws-lambda';
import { fetchApiAnswer } from '../adapters/content-api';
import { HELP_TEXT, answerFor, pickFromCorpus, type ContentKind } from '../bot/answers';
import { closeFulfilled, parseCodeHookEvent } from '../bot/code-hook';
import { optionalUrl, positiveIntEnv } from '../config';
import { logger, metrics, observed } from '../observability';

export interface FulfilmentConfig {
  /** Endpoints of public APIs to try first; unset means the corpus only. */
  readonly apiUrls: Readonly<Partial<Record<ContentKind, string>>>;
  /** How long to wait for such an API before using the corpus. */
  readonly apiTimeoutMs: number;
}

export function fulfilmentConfig(env: Readonly<Record<string, string | undefined>>): FulfilmentConfig {
  const joke = optionalUrl(env, 'JOKE_API_URL');
  const fact = optionalUrl(env, 'FACT_API_URL');
  return {
    apiUrls: { ...(joke ? { JOKE: joke } : {}), ...(fact ? { FACT: fact } : {}) },
    apiTimeoutMs: positiveIntEnv(env, 'CONTENT_API_TIMEOUT_MS', 700),
  };
}

export interface FulfilmentDeps {
  readonly config: FulfilmentConfig;
  readonly random: () => number;
  readonly fetch?: typeof fetch;
}

/**
 * The bot's fulfilment code hook: a joke for `Joke`, a fact for `Fact`, the
 * help text for the fallback. A configured API is tried first with a short
 * timeout; whatever goes wrong there, the answer comes from the corpus.
 */
export async function fulfil(event: unknown, deps: FulfilmentDeps): Promise<LexV2Result> {
  const request = parseCodeHookEvent(event);
  const kind = answerFor(request.sessionState.intent.name);
  const session = request.sessionState.sessionAttributes ?? {};
  metrics.addMetric(`Answer${kind}`, MetricUnit.Count, 1);
  if (kind === 'HELP') return closeFulfilled(request, HELP_TEXT, session);

  const url = deps.config.apiUrls[kind];
  if (url) {
    const fromApi = await fetchApiAnswer({ url, timeoutMs: deps.config.apiTimeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    if (fromApi.ok) return closeFulfilled(request, fromApi.text, session);
    logger.warn('Content API failed, answering from the corpus', { kind, reason: fromApi.reason });
    metrics.addMetric('ContentApiFallback', MetricUnit.Count, 1);
  }
  const picked = pickFromCorpus(kind, session, deps.random);
  return closeFulfilled(request, picked.text, picked.sessionAttributes);
}

const config = fulfilmentConfig(process.env);

export const handler = async (event: unknown, context: Context): Promise<LexV2Result> =>
  observed(context, () => fulfil(event, { config, random: Math.random }));
