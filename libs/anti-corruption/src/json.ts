import type { z } from 'zod';
import { InvalidJsonError, InvalidPayloadError } from './errors';

/** Parses a request body as JSON; `InvalidJsonError` if it is not. */
export function parseJson(body: string | Uint8Array): unknown {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidJsonError({ cause: error });
  }
}

/** Validates a parsed body against a schema; `InvalidPayloadError` naming every failing path if it does not fit. */
export function parsePayload<S extends z.ZodType>(schema: S, what: string, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidPayloadError(what, result.error.issues, { cause: result.error });
  return result.data;
}
