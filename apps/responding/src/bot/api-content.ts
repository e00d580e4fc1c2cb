import { z } from 'zod';

/** The longest answer taken from an outside API; longer ones fall back to the corpus. */
export const MAX_API_ANSWER_CHARS = 500;

const Text = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(MAX_API_ANSWER_CHARS));

/**
 * The JSON shapes of the public joke and fact APIs the bot can be pointed at:
 * `{ joke }` (icanhazdadjoke.com with `Accept: application/json`),
 * `{ setup, punchline }` (official-joke-api), `{ text }` (uselessfacts) and
 * `{ fact }` (catfact.ninja and similar).
 */
const ApiAnswerSchema = z.union([
  z.object({ joke: Text }).transform((v) => v.joke),
  z.object({ setup: Text, punchline: Text }).transform((v) => `${v.setup} ${v.punchline}`),
  z.object({ text: Text }).transform((v) => v.text),
  z.object({ fact: Text }).transform((v) => v.fact),
]);

/** The answer in an API's JSON body, or `undefined` when the body is none of the known shapes. */
export function answerFromApiBody(body: unknown): string | undefined {
  const candidate = Array.isArray(body) ? body[0] : body;
  const result = ApiAnswerSchema.safeParse(candidate);
  return result.success && result.data.length <= MAX_API_ANSWER_CHARS ? result.data : undefined;
}
