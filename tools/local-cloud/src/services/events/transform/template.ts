/**
 * An `InputTemplate` read into literal text and `<placeholder>`s, each with the
 * place it stands in. A template whose first non-blank character is `{` or `[`
 * is a JSON template: a placeholder there stands either as a JSON value or
 * inside a string literal. Any other template (including one that is a quoted
 * JSON string) is text. `<` and `>` cannot be escaped: `<name>` with a name of
 * letters, digits, `_`, `-` and `.` is always a placeholder.
 */
export type PlaceholderContext = 'json-value' | 'json-string' | 'text';

export type TemplatePart =
  | { readonly text: string }
  | { readonly name: string; readonly context: PlaceholderContext; readonly isKey: boolean };

export interface ParsedTemplate {
  readonly json: boolean;
  readonly parts: readonly TemplatePart[];
  /** Placeholder names in order of first use. */
  readonly names: readonly string[];
}

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/y;

export function parseTemplate(template: string): ParsedTemplate {
  const json = /^\s*[[{]/.test(template);
  const parts: TemplatePart[] = [];
  let text = '';
  let inString = false;
  let stringHasPlaceholder = false;
  /** Placeholder parts of the current string literal, or the last unquoted one, to mark as object keys. */
  let pending: { name: string; context: PlaceholderContext; isKey: boolean }[] = [];
  const flush = () => {
    if (text) parts.push({ text });
    text = '';
  };
  const nextIsColon = (from: number) => /^\s*:/.test(template.slice(from));

  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '<') {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(template);
      if (match) {
        flush();
        const context: PlaceholderContext = !json ? 'text' : inString ? 'json-string' : 'json-value';
        const part = { name: match[1]!, context, isKey: false };
        parts.push(part);
        i += match[0].length - 1;
        if (context === 'json-string') {
          stringHasPlaceholder = true;
          pending.push(part);
        } else if (context === 'json-value' && nextIsColon(i + 1)) {
          part.isKey = true;
        }
        continue;
      }
    }
    text += char;
    if (!json) continue;
    if (inString && char === '\\') {
      text += template[i + 1] ?? '';
      i++;
    } else if (char === '"') {
      inString = !inString;
      if (!inString) {
        if (stringHasPlaceholder && nextIsColon(i + 1)) for (const part of pending) part.isKey = true;
        stringHasPlaceholder = false;
        pending = [];
      }
    }
  }
  flush();
  const names = [...new Set(parts.flatMap((part) => ('name' in part ? [part.name] : [])))];
  return { json, parts, names };
}
