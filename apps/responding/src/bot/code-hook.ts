import type { LexV2Result } from 'aws-lambda';
import { z } from 'zod';
import { InvalidCodeHookEventError } from '../errors';

/**
 * The part of a Lex V2 code-hook request the fulfilment function reads
 * (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html).
 * Unknown fields are kept, so nothing Lex adds later breaks the parse.
 */
export const CodeHookEventSchema = z.looseObject({
  messageVersion: z.string(),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  inputMode: z.string(),
  sessionId: z.string().min(1),
  inputTranscript: z.string(),
  bot: z.looseObject({ id: z.string(), name: z.string(), localeId: z.string(), version: z.string() }),
  sessionState: z.looseObject({
    sessionAttributes: z.record(z.string(), z.string()).optional(),
    intent: z.looseObject({
      name: z.string().min(1),
      slots: z.record(z.string(), z.unknown()).nullish(),
      state: z.string(),
      confirmationState: z.enum(['Confirmed', 'Denied', 'None']).optional(),
    }),
  }),
});
export type CodeHookEvent = z.infer<typeof CodeHookEventSchema>;

/** Parses what Lex sent; throws `InvalidCodeHookEventError` naming every problem. */
export function parseCodeHookEvent(event: unknown): CodeHookEvent {
  const result = CodeHookEventSchema.safeParse(event);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new InvalidCodeHookEventError(details, { cause: result.error });
  }
  return result.data;
}

/**
 * The code hook's answer that ends the turn: dialog action `Close`, the intent
 * `Fulfilled`, and one plain-text message, in Lex V2's response format
 * (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html).
 */
export function closeFulfilled(
  event: CodeHookEvent,
  content: string,
  sessionAttributes: Readonly<Record<string, string>>,
): LexV2Result {
  const { intent } = event.sessionState;
  return {
    sessionState: {
      sessionAttributes: { ...sessionAttributes },
      dialogAction: { type: 'Close' },
      intent: {
        name: intent.name,
        state: 'Fulfilled',
        slots: (intent.slots ?? {}) as NonNullable<LexV2Result['sessionState']['intent']>['slots'],
      },
    },
    messages: [{ contentType: 'PlainText', content }],
  };
}
