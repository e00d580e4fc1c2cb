import { answerFromApiBody } from '../bot/api-content';

export interface ContentApiOptions {
  /** The endpoint answering `GET` with a JSON joke or fact. */
  readonly url: string;
  /** Abort after this long: the code hook must answer Lex quickly. */
  readonly timeoutMs: number;
  /** Injected for tests. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export type ContentApiResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Asks a public joke or fact API for one answer. Never throws: a timeout, an
 * HTTP error or an unknown body is a `reason` the caller logs before falling
 * back to the bundled corpus.
 */
export async function fetchApiAnswer(options: ContentApiOptions): Promise<ContentApiResult> {
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(options.url, {
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'serverless-message-analyser (responding bot)' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, reason: `HTTP ${response.status}` };
    }
    const text = answerFromApiBody(await response.json());
    return text ? { ok: true, text } : { ok: false, reason: 'the response has no joke or fact the bot understands' };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, reason: `no answer within ${options.timeoutMs} ms` };
    return { ok: false, reason: `${name}: ${(error as Error).message}` };
  }
}
