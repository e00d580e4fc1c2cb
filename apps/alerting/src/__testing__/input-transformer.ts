import type { Json } from './event-pattern';

/**
 * A reference of EventBridge's input transformer for plain-text templates (the
 * only kind this service uses), from AWS's documentation: each `InputPathsMap`
 * path is read from the event, and each `<name>` of the template is replaced by
 * the value; a string value goes in exactly as it is (no quotes, no escaping,
 * newlines kept), any other value as its JSON text. JSON templates (starting
 * with `{` or `"`) follow other quoting rules and are refused here.
 */
export interface InputTransformer {
  readonly InputPathsMap: Readonly<Record<string, string>>;
  readonly InputTemplate: string;
}

/** Reads a `$.a.b[0]` path; undefined when any step is missing. */
export function readPath(event: Json, path: string): Json | undefined {
  const steps = path.match(/\.[A-Za-z0-9_-]+|\[[0-9]+\]/g);
  if (!path.startsWith('$') || !steps || steps.join('') !== path.slice(1)) throw new Error(`Unsupported path ${path}`);
  let current: Json | undefined = event;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = step.startsWith('[')
      ? (current as Json[])[Number(step.slice(1, -1))]
      : (current as Record<string, Json>)[step.slice(1)];
  }
  return current;
}

export function transformPlainText(transformer: InputTransformer, event: Record<string, Json>): string {
  if (/^\s*["{[]/.test(transformer.InputTemplate)) throw new Error('Not a plain-text template');
  const values = new Map<string, string>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap)) {
    const value = readPath(event, path);
    // AWS: "a variable whose path does not exist in the event is not created". Our paths are required fields.
    if (value === undefined) throw new Error(`Path ${path} of <${name}> is missing from the event`);
    values.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return transformer.InputTemplate.replace(/<([^<>\s]+)>/g, (whole, name: string) => values.get(name) ?? whole);
}
