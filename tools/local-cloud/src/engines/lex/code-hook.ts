/**
 * The Lex V2 Lambda code hook: the input event Lex sends
 * (docs: lexv2/latest/dg/lambda-input-format.html) and the checks Lex applies
 * to the function's answer (lambda-response-format.html). Pure.
 */
import type { DialogActionType, Intent, Interpretation, Message, SessionState } from '@aws-sdk/client-lex-runtime-v2';
import { DependencyFailedException } from '../errors';

export interface CodeHookEvent {
  readonly messageVersion: '1.0';
  readonly invocationSource: 'DialogCodeHook' | 'FulfillmentCodeHook';
  readonly inputMode: 'Text';
  readonly responseContentType: 'text/plain; charset=utf-8';
  readonly sessionId: string;
  readonly inputTranscript: string;
  readonly rawInputTranscript: string;
  readonly bot: { id: string; name: string; aliasId: string; aliasName: string; localeId: string; version: string };
  readonly interpretations: ReadonlyArray<{ intent: Intent; interpretationSource: 'Lex'; nluConfidence?: number }>;
  readonly requestAttributes: Record<string, string>;
  readonly sessionState: {
    sessionAttributes: Record<string, string>;
    activeContexts: [];
    intent: Intent;
    originatingRequestId: string;
  };
  readonly transcriptions: [];
}

export interface CodeHookResult {
  readonly sessionState: SessionState;
  readonly messages: Message[];
  readonly requestAttributes?: Record<string, string>;
}

export function codeHookEvent(input: {
  source: CodeHookEvent['invocationSource'];
  sessionId: string;
  text: string;
  bot: CodeHookEvent['bot'];
  interpretations: readonly Interpretation[];
  intent: Intent;
  sessionAttributes: Record<string, string>;
  requestAttributes: Record<string, string>;
  requestId: string;
}): CodeHookEvent {
  return {
    messageVersion: '1.0',
    invocationSource: input.source,
    inputMode: 'Text',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: input.sessionId,
    inputTranscript: input.text,
    rawInputTranscript: input.text,
    bot: input.bot,
    interpretations: input.interpretations.map((i) => ({
      intent: i.intent!,
      interpretationSource: 'Lex',
      ...(i.nluConfidence?.score !== undefined ? { nluConfidence: i.nluConfidence.score } : {}),
    })),
    requestAttributes: input.requestAttributes,
    sessionState: {
      sessionAttributes: input.sessionAttributes,
      activeContexts: [],
      intent: input.intent,
      originatingRequestId: input.requestId,
    },
    transcriptions: [],
  };
}

const DIALOG_ACTIONS: ReadonlySet<`${DialogActionType}`> = new Set(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot', 'None']);
const CONTENT_TYPES = new Set(['PlainText', 'SSML', 'CustomPayload', 'ImageResponseCard']);

const invalid = (detail: string): DependencyFailedException => new DependencyFailedException(`Invalid Lambda Response: ${detail}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the function's answer as Lex does; a broken one is a DependencyFailedException. */
export function parseCodeHookResult(result: unknown): CodeHookResult {
  if (!isObject(result)) throw invalid('the response is not a JSON object');
  const state = result.sessionState;
  if (!isObject(state)) throw invalid('sessionState is missing');
  const action = state.dialogAction;
  if (!isObject(action) || !DIALOG_ACTIONS.has(action.type as `${DialogActionType}`)) {
    throw invalid(`sessionState.dialogAction.type must be one of ${[...DIALOG_ACTIONS].join(', ')}`);
  }
  if (state.intent !== undefined && (!isObject(state.intent) || typeof state.intent.name !== 'string')) {
    throw invalid('sessionState.intent must have a name');
  }
  const attributes = state.sessionAttributes;
  if (attributes !== undefined && (!isObject(attributes) || Object.values(attributes).some((v) => typeof v !== 'string'))) {
    throw invalid('sessionState.sessionAttributes must map strings to strings');
  }
  const messages = result.messages ?? [];
  if (!Array.isArray(messages)) throw invalid('messages must be a list');
  for (const m of messages) {
    if (!isObject(m) || !CONTENT_TYPES.has(m.contentType as string)) throw invalid('every message needs a valid contentType');
    if (m.contentType !== 'ImageResponseCard' && typeof m.content !== 'string') throw invalid('every message needs its content');
  }
  return {
    sessionState: state as SessionState,
    messages: messages as Message[],
    requestAttributes: isObject(result.requestAttributes) ? (result.requestAttributes as Record<string, string>) : undefined,
  };
}
