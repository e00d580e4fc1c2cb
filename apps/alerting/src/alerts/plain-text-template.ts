import { AlertTemplateError } from '../errors';

/**
 * The message an EventBridge input transformer builds for a target, as a
 * plain-text template: `InputPathsMap` (placeholder → JSON path into the event)
 * plus `InputTemplate` (text with `<placeholder>`s).
 *
 * Why plain text and not a quoted JSON string (what `RuleTargetInput.fromText`
 * emits): EventBridge treats a template that starts with `"` as a JSON string and
 * delivers it with its quotes, so every e-mail would read `"You have received…"`;
 * and inside a quoted or object template a value holding `"` or a newline is
 * inserted without escaping, which breaks the JSON. A template that is not JSON
 * gets each string value inserted exactly as it is in the event, quotes and
 * newlines included: the right thing for a message meant for people.
 */
export interface PlainTextTemplate {
  /** Placeholder name → JSON path into the event (EventBridge `InputPathsMap`). */
  readonly paths: Readonly<Record<string, string>>;
  /** The message with `<placeholder>`s (EventBridge `InputTemplate`). */
  readonly text: string;
}

/** EventBridge's limits: 100 variables, 8,192 characters of template. */
const MAX_PATHS = 100;
const MAX_TEMPLATE_LENGTH = 8192;
/** Variables EventBridge defines itself; they need no path and no name may shadow them. */
const RESERVED = /^aws\.events\.(rule-arn|rule-name|event|event\.json|event\.ingestion-time)$/;
const PLACEHOLDER = /<([^<>\s]+)>/g;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** The JSON-path subset EventBridge evaluates: `$` then `.name` or `[index]` steps. */
const PATH = /^\$(\.[A-Za-z0-9_-]+|\[[0-9]+\])+$/;

/** The placeholder names a template text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Checks a plain-text template against EventBridge's rules and returns it:
 * every placeholder has a path (or is an `aws.events.*` variable), every path is
 * used, names and paths use the syntax EventBridge evaluates, and the text does
 * not start like JSON (which would switch EventBridge to JSON quoting rules).
 */
export function plainTextTemplate(text: string, paths: Readonly<Record<string, string>>): PlainTextTemplate {
  const fail = (reason: string): never => {
    throw new AlertTemplateError(text, reason);
  };
  if (text.trim().length === 0) fail('the text is empty');
  if (text.length > MAX_TEMPLATE_LENGTH) fail(`the text is over ${MAX_TEMPLATE_LENGTH} characters`);
  if (/^\s*["{[]/.test(text)) fail('a plain-text template must not start with ", { or [ (EventBridge would read it as JSON)');
  const names = Object.keys(paths);
  if (names.length > MAX_PATHS) fail(`more than ${MAX_PATHS} paths`);
  for (const [name, path] of Object.entries(paths)) {
    if (!NAME.test(name)) fail(`placeholder name "${name}" must be 1-64 characters of [A-Za-z0-9_-]`);
    if (!PATH.test(path)) fail(`path "${path}" of <${name}> is not a $.dot.notation path`);
  }
  const used = placeholdersOf(text);
  for (const name of used) {
    if (!RESERVED.test(name) && !(name in paths)) fail(`<${name}> has no path`);
  }
  for (const name of names) {
    if (!used.includes(name)) fail(`path "${name}" is never used in the text`);
  }
  return { text, paths: { ...paths } };
}
