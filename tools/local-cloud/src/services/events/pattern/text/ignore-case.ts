/**
 * Case-insensitive comparison the way EventBridge does it: each character of
 * the pattern matches its own lower-case or upper-case form (locale-neutral),
 * character by character. Forms may differ in length (`ß` → `SS`, `İ` → `i̇`),
 * so matching tracks the set of positions reached in the value.
 */
export type IgnoreCaseMode = 'equals' | 'prefix' | 'suffix';

/** Per pattern character, its distinct case forms. */
function caseForms(pattern: string): string[][] {
  const forms: string[][] = [];
  for (const char of pattern) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    forms.push(lower === upper ? [lower] : [lower, upper]);
  }
  return forms;
}

/** Compiles a case-insensitive test of a value against `pattern`. */
export function ignoreCaseMatcher(pattern: string, mode: IgnoreCaseMode): (value: string) => boolean {
  const forms = caseForms(pattern);
  const simple = forms.every((f) => f.every((form) => form.length === 1));
  if (simple) {
    const lower = forms.map((f) => f[0]!.charCodeAt(0));
    const upper = forms.map((f) => (f[1] ?? f[0]!).charCodeAt(0));
    const n = forms.length;
    return (value) => {
      if (value.length < n || (mode === 'equals' && value.length !== n)) return false;
      const offset = mode === 'suffix' ? value.length - n : 0;
      for (let i = 0; i < n; i++) {
        const code = value.charCodeAt(offset + i);
        if (code !== lower[i] && code !== upper[i]) return false;
      }
      return true;
    };
  }
  return mode === 'suffix' ? (value) => matchBackward(forms, value) : (value) => matchForward(forms, value, mode);
}

function matchForward(forms: string[][], value: string, mode: IgnoreCaseMode): boolean {
  let positions = [0];
  for (const alternatives of forms) {
    const next: number[] = [];
    for (const at of positions) {
      for (const form of alternatives) {
        if (value.startsWith(form, at) && !next.includes(at + form.length)) next.push(at + form.length);
      }
    }
    if (next.length === 0) return false;
    positions = next;
  }
  return mode === 'prefix' || positions.includes(value.length);
}

function matchBackward(forms: string[][], value: string): boolean {
  let positions = [value.length];
  for (let i = forms.length - 1; i >= 0; i--) {
    const next: number[] = [];
    for (const end of positions) {
      for (const form of forms[i]!) {
        const start = end - form.length;
        if (start >= 0 && value.startsWith(form, start) && !next.includes(start)) next.push(start);
      }
    }
    if (next.length === 0) return false;
    positions = next;
  }
  return true;
}
