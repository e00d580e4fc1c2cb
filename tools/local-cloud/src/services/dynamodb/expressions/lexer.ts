import { ValidationException } from '../errors';

export type TokenType = 'name' | 'attrName' | 'attrValue' | 'number' | 'punct' | 'end';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly at: number;
}

const PUNCTUATION = ['<>', '<=', '>=', '=', '<', '>', '(', ')', '[', ']', ',', '.', '+', '-'];

/**
 * Splits an expression into tokens. Names are `[A-Za-z_][A-Za-z0-9_]*`,
 * placeholders `#name` / `:value` (letters, digits, underscore), list indexes
 * plain digits.
 */
export function tokenize(expression: string, label: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = expression.slice(i);
    const word = /^[#:]?[A-Za-z0-9_]+/.exec(rest);
    if (word) {
      const text = word[0];
      const type: TokenType = text[0] === '#' ? 'attrName' : text[0] === ':' ? 'attrValue' : /^\d+$/.test(text) ? 'number' : 'name';
      if (type === 'name' && /^\d/.test(text)) throw syntaxError(label, text, expression, i);
      tokens.push({ type, text, at: i });
      i += text.length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => rest.startsWith(p));
    if (!punct) throw new ValidationException(`Invalid ${label}: Syntax error; token: "${c}", near: "${near(expression, i)}"`);
    tokens.push({ type: 'punct', text: punct, at: i });
    i += punct.length;
  }
  tokens.push({ type: 'end', text: '<EOF>', at: expression.length });
  return tokens;
}

function near(expression: string, at: number): string {
  return expression.slice(Math.max(0, at - 8), at + 8).trim();
}

export function syntaxError(label: string, token: string, expression: string, at: number): ValidationException {
  return new ValidationException(`Invalid ${label}: Syntax error; token: "${token}", near: "${near(expression, at)}"`);
}
