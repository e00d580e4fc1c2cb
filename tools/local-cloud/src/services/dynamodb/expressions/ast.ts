import type { AttributeValue } from '../attribute-value';

/** One step of a document path: `a`, `.b`, `[3]`. Names are already resolved from `#placeholders`. */
export type PathElement = { readonly name: string } | { readonly index: number };
export type Path = readonly PathElement[];

/** An operand of a condition or of a SET action. */
export type Operand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: AttributeValue; readonly placeholder: string }
  | { readonly kind: 'size'; readonly path: Path }
  | { readonly kind: 'if_not_exists'; readonly path: Path; readonly fallback: Operand }
  | { readonly kind: 'list_append'; readonly first: Operand; readonly second: Operand }
  | { readonly kind: 'arithmetic'; readonly op: '+' | '-'; readonly left: Operand; readonly right: Operand };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export const CONDITION_FUNCTIONS = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains'] as const;
export type ConditionFunction = (typeof CONDITION_FUNCTIONS)[number];

export type Condition =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly name: ConditionFunction; readonly path: Path; readonly argument?: Operand }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly operand: Condition };

export type UpdateAction =
  | { readonly kind: 'SET'; readonly path: Path; readonly value: Operand }
  | { readonly kind: 'REMOVE'; readonly path: Path }
  | { readonly kind: 'ADD'; readonly path: Path; readonly value: Operand }
  | { readonly kind: 'DELETE'; readonly path: Path; readonly value: Operand };

export function pathToString(path: Path): string {
  return path.map((e, i) => ('index' in e ? `[${e.index}]` : i === 0 ? e.name : `.${e.name}`)).join('');
}
