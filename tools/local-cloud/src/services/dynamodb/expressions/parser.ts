import { ValidationException } from '../errors';
import { CONDITION_FUNCTIONS, type Comparator, type Condition, type ConditionFunction, type Operand, type Path, type PathElement, type UpdateAction } from './ast';
import { syntaxError, tokenize, type Token } from './lexer';
import type { Placeholders } from './placeholders';

const COMPARATORS: readonly Comparator[] = ['=', '<>', '<', '<=', '>', '>='];
const UPDATE_CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
type UpdateClause = (typeof UPDATE_CLAUSES)[number];
/** DynamoDB's limit on the operands of IN. */
const MAX_IN_OPERANDS = 100;

/**
 * A recursive-descent parser for DynamoDB's expression languages. Placeholders
 * are resolved while parsing, so the trees hold attribute names and values.
 */
class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(
    private readonly expression: string,
    private readonly label: string,
    private readonly placeholders: Placeholders,
  ) {
    if (expression.trim() === '') throw new ValidationException(`Invalid ${label}: The expression can not be empty;`);
    this.tokens = tokenize(expression, label);
  }

  private get token(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.token;
    if (t.type !== 'end') this.pos++;
    return t;
  }

  private isKeyword(word: string): boolean {
    return this.token.type === 'name' && this.token.text.toUpperCase() === word;
  }

  private isPunct(text: string): boolean {
    return this.token.type === 'punct' && this.token.text === text;
  }

  private fail(): never {
    throw syntaxError(this.label, this.token.text, this.expression, this.token.at);
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.pos++;
  }

  expectEnd(): void {
    if (this.token.type !== 'end') this.fail();
  }

  // ---- paths and operands -------------------------------------------------

  path(): Path {
    const elements: PathElement[] = [this.pathName()];
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        elements.push(this.pathName());
      } else if (this.isPunct('[')) {
        this.pos++;
        if (this.token.type !== 'number') this.fail();
        elements.push({ index: Number(this.next().text) });
        this.expectPunct(']');
      } else {
        return elements;
      }
    }
  }

  private pathName(): PathElement {
    const t = this.token;
    if (t.type === 'attrName') {
      this.pos++;
      return { name: this.placeholders.name(t.text) };
    }
    if (t.type === 'name') {
      this.pos++;
      return { name: t.text };
    }
    return this.fail();
  }

  private isFunctionCall(name: string): boolean {
    const after = this.tokens[this.pos + 1];
    return this.token.type === 'name' && this.token.text === name && after?.type === 'punct' && after.text === '(';
  }

  /** A condition operand: a path, a `:value` or `size(path)`. */
  conditionOperand(): Operand {
    if (this.isFunctionCall('size')) {
      this.pos += 2;
      const path = this.path();
      this.expectPunct(')');
      return { kind: 'size', path };
    }
    return this.simpleOperand();
  }

  private simpleOperand(): Operand {
    const t = this.token;
    if (t.type === 'attrValue') {
      this.pos++;
      return { kind: 'value', value: this.placeholders.value(t.text), placeholder: t.text };
    }
    if (t.type === 'name' && this.tokens[this.pos + 1]?.text === '(') {
      throw new ValidationException(`Invalid ${this.label}: Invalid function name; function: ${t.text}`);
    }
    return { kind: 'path', path: this.path() };
  }

  // ---- conditions ---------------------------------------------------------

  condition(): Condition {
    let left = this.conjunction();
    while (this.isKeyword('OR')) {
      this.pos++;
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.isKeyword('AND')) {
      this.pos++;
      left = { kind: 'and', left, right: this.negation() };
    }
    return left;
  }

  private negation(): Condition {
    if (this.isKeyword('NOT')) {
      this.pos++;
      return { kind: 'not', operand: this.negation() };
    }
    return this.predicate();
  }

  private predicate(): Condition {
    if (this.isPunct('(')) {
      this.pos++;
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    const fn = CONDITION_FUNCTIONS.find((name) => this.isFunctionCall(name));
    if (fn) return this.conditionFunction(fn);
    const operand = this.conditionOperand();
    if (this.isKeyword('BETWEEN')) {
      this.pos++;
      const low = this.conditionOperand();
      if (!this.isKeyword('AND')) this.fail();
      this.pos++;
      return { kind: 'between', operand, low, high: this.conditionOperand() };
    }
    if (this.isKeyword('IN')) {
      this.pos++;
      this.expectPunct('(');
      const list = [this.conditionOperand()];
      while (this.isPunct(',')) {
        this.pos++;
        list.push(this.conditionOperand());
      }
      this.expectPunct(')');
      if (list.length > MAX_IN_OPERANDS) {
        throw new ValidationException(`Invalid ${this.label}: The IN operator is provided with too many operands; number of operands: ${list.length}`);
      }
      return { kind: 'in', operand, list };
    }
    const op = COMPARATORS.find((c) => this.isPunct(c));
    if (!op) this.fail();
    this.pos++;
    return { kind: 'compare', op, left: operand, right: this.conditionOperand() };
  }

  private conditionFunction(name: ConditionFunction): Condition {
    this.pos += 2;
    if (this.token.type === 'attrValue') {
      throw new ValidationException(`Invalid ${this.label}: Operator or function requires a document path; operator or function: ${name}`);
    }
    const path = this.path();
    let argument: Operand | undefined;
    if (name === 'attribute_type' || name === 'begins_with' || name === 'contains') {
      this.expectPunct(',');
      argument = this.conditionOperand();
    }
    if (!this.isPunct(')')) {
      if (this.isPunct(',')) {
        throw new ValidationException(`Invalid ${this.label}: Incorrect number of operands for operator or function; operator or function: ${name}`);
      }
      this.fail();
    }
    this.pos++;
    return argument ? { kind: 'function', name, path, argument } : { kind: 'function', name, path };
  }

  // ---- update expressions -------------------------------------------------

  update(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<UpdateClause>();
    while (this.token.type !== 'end') {
      const clause = UPDATE_CLAUSES.find((c) => this.isKeyword(c));
      if (!clause) this.fail();
      if (seen.has(clause)) {
        throw new ValidationException(`Invalid ${this.label}: The "${clause}" section can only be used once in an update expression;`);
      }
      seen.add(clause);
      this.pos++;
      actions.push(this.updateAction(clause));
      while (this.isPunct(',')) {
        this.pos++;
        actions.push(this.updateAction(clause));
      }
    }
    return actions;
  }

  private updateAction(clause: UpdateClause): UpdateAction {
    const path = this.path();
    switch (clause) {
      case 'SET':
        this.expectPunct('=');
        return { kind: 'SET', path, value: this.setValue() };
      case 'REMOVE':
        return { kind: 'REMOVE', path };
      case 'ADD':
      case 'DELETE': {
        if (this.token.type !== 'attrValue') this.fail();
        return { kind: clause, path, value: this.simpleOperand() };
      }
    }
  }

  private setValue(): Operand {
    const left = this.setOperand();
    if (this.isPunct('+') || this.isPunct('-')) {
      const op = this.next().text as '+' | '-';
      return { kind: 'arithmetic', op, left, right: this.setOperand() };
    }
    return left;
  }

  private setOperand(): Operand {
    if (this.isFunctionCall('if_not_exists')) {
      this.pos += 2;
      const path = this.path();
      this.expectPunct(',');
      const fallback = this.setOperand();
      this.expectPunct(')');
      return { kind: 'if_not_exists', path, fallback };
    }
    if (this.isFunctionCall('list_append')) {
      this.pos += 2;
      const first = this.setOperand();
      this.expectPunct(',');
      const second = this.setOperand();
      this.expectPunct(')');
      return { kind: 'list_append', first, second };
    }
    if (this.isFunctionCall('size')) {
      throw new ValidationException(`Invalid ${this.label}: The function is not allowed in an update expression; function: size`);
    }
    return this.simpleOperand();
  }

  // ---- projections --------------------------------------------------------

  projection(): Path[] {
    const paths = [this.path()];
    while (this.isPunct(',')) {
      this.pos++;
      paths.push(this.path());
    }
    return paths;
  }
}

export function parseCondition(expression: string, placeholders: Placeholders, label = 'ConditionExpression'): Condition {
  const parser = new Parser(expression, label, placeholders);
  const condition = parser.condition();
  parser.expectEnd();
  return condition;
}

export function parseUpdate(expression: string, placeholders: Placeholders): UpdateAction[] {
  const parser = new Parser(expression, 'UpdateExpression', placeholders);
  const actions = parser.update();
  parser.expectEnd();
  return actions;
}

export function parseProjection(expression: string, placeholders: Placeholders): Path[] {
  const parser = new Parser(expression, 'ProjectionExpression', placeholders);
  const paths = parser.projection();
  parser.expectEnd();
  return paths;
}
