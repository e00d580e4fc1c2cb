import type { Resolved } from './reserved';
import type { PlaceholderContext } from './template';

/**
 * How EventBridge writes a variable's value into the template, by where the
 * placeholder stands.
 *
 * - As a JSON value (`{"a": <v>}`): the value's JSON — strings get quotes and
 *   escapes, objects and arrays go in as JSON; a variable whose path is missing
 *   becomes `""`.
 * - Inside a JSON string (`{"a": "x <v>"}`): strings go in as they are, not
 *   escaped (a quote or newline in the value breaks the JSON); numbers, booleans
 *   and null as their JSON text; objects and arrays as their JSON, which cannot
 *   stand in a string, so the output is not JSON either; missing → nothing.
 * - In a text template: strings as they are; objects and arrays as their JSON
 *   without any quote characters (`{acc_id:0a78,sf_id:baz}`, `[HIGH,LOW]`);
 *   numbers, booleans, null as JSON text; missing → nothing.
 *
 * `aws.events.event` and `aws.events.event.json` go in as JSON, unescaped, everywhere.
 */
export function renderValue(resolved: Resolved, context: PlaceholderContext): string {
  if (resolved.kind === 'verbatim') return resolved.json;
  if (resolved.kind === 'missing') return context === 'json-value' ? '""' : '';
  const value = resolved.value;
  if (typeof value === 'string') return context === 'json-value' ? JSON.stringify(value) : value;
  if (value !== null && typeof value === 'object') {
    const json = JSON.stringify(value);
    return context === 'text' ? json.replaceAll('"', '') : json;
  }
  return value === undefined ? '' : JSON.stringify(value);
}
