import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { apiEvent, NOW_SECONDS } from './deliveries';

/**
 * fast-check arbitraries for fuzzing the ingress handlers: bodies (recorded
 * fixtures, fixtures mutated at a random path, arbitrary JSON, arbitrary bytes),
 * signature headers in every spelling, repeated and missing, and signatures
 * from valid to forged. The oracle that says which signatures are valid is
 * computed here with `node:crypto` from the platforms' documented schemes,
 * independently of the code under test.
 */

/** The platforms' signature schemes, straight from their documentation (platform-facts.md). */
export const ORACLE = {
  twitter: (body: Buffer, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`,
  slack: (body: Buffer, timestamp: string, secret: string) =>
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  webhook: (body: Buffer, timestamp: string, secret: string) =>
    `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`,
} as const;

// ---------------------------------------------------------------- bodies

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Mutation {
  readonly steps: readonly number[];
  readonly action: 'delete' | 'replace' | 'wrap-in-array' | 'empty-string';
  readonly replacement: Json;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  action: fc.constantFrom('delete', 'replace', 'wrap-in-array', 'empty-string'),
  replacement: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
});

/** Applies a mutation at a path chosen by `steps` (each picks a child, modulo the number of children). */
export function mutate(document: Json, m: Mutation): Json {
  const copy = structuredClone(document);
  let parent: Json = copy;
  let key: string | number | undefined;
  for (const step of m.steps) {
    const node: Json = key === undefined ? parent : (parent as Record<string, Json>)[key as string]!;
    if (node === null || typeof node !== 'object') break;
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    if (key !== undefined) parent = node;
    key = keys[step % keys.length];
  }
  if (key === undefined || parent === null || typeof parent !== 'object') return m.replacement;
  const container = parent as Record<string | number, Json>;
  switch (m.action) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete container[key];
      break;
    case 'replace':
      container[key] = m.replacement;
      break;
    case 'wrap-in-array':
      container[key] = [container[key]!];
      break;
    case 'empty-string':
      container[key] = '';
      break;
  }
  return copy;
}

/**
 * How to make a body: a JSON document (a recorded delivery, or a generated
 * well-formed one) rendered after zero or more mutations, or raw bytes.
 */
export type BodyRecipe =
  | {
      readonly kind: 'document';
      readonly document: Json;
      /** The text the document was recorded as, sent verbatim when `layout` is 'recorded'. */
      readonly recorded?: string;
      readonly layout: 'recorded' | 0 | 2 | '\t';
      readonly mutations: readonly Mutation[];
    }
  | { readonly kind: 'raw'; readonly bytes: Buffer; readonly label: string };

export interface Body {
  readonly bytes: Buffer;
  /** An unmutated well-formed delivery: it must be accepted when correctly signed. */
  readonly wellFormed: boolean;
  readonly label: string;
}

const text = (value: string): Buffer => Buffer.from(value, 'utf8');

/**
 * Renders a recipe; `adjust` changes the document before it is mutated (the
 * generic webhook makes its id unique per case, so that no two cases reuse an
 * id for different payloads).
 */
export function render(recipe: BodyRecipe, adjust?: (document: Json) => Json): Body {
  if (recipe.kind === 'raw') return { bytes: recipe.bytes, wellFormed: false, label: recipe.label };
  const start = structuredClone(recipe.document);
  const document = recipe.mutations.reduce<Json>((doc, m) => mutate(doc, m), adjust ? adjust(start) : start);
  const verbatim = recipe.layout === 'recorded' && recipe.recorded !== undefined && recipe.mutations.length === 0 && !adjust;
  const layout = recipe.layout === 'recorded' ? undefined : recipe.layout;
  return {
    bytes: text(verbatim ? recipe.recorded! : JSON.stringify(document, null, layout)),
    wellFormed: recipe.mutations.length === 0,
    label: recipe.mutations.length === 0 ? `well-formed (${String(recipe.layout)})` : `mutated ${recipe.mutations.length}x`,
  };
}

/** Recipes around well-formed documents: as they are (half the time), mutated, or replaced by arbitrary JSON or bytes. */
export function bodies(wellFormed: fc.Arbitrary<{ readonly document: Json; readonly recorded?: string }>): fc.Arbitrary<BodyRecipe> {
  const documentRecipe = (mutations: fc.Arbitrary<Mutation[]>) =>
    fc.record({ source: wellFormed, layout: fc.constantFrom<'recorded' | 0 | 2 | '\t'>('recorded', 'recorded', 'recorded', 0, 2, '\t'), mutations }).map(
      ({ source, layout, mutations: ms }): BodyRecipe => ({ kind: 'document', ...source, layout, mutations: ms }),
    );
  return fc.oneof(
    { weight: 5, arbitrary: documentRecipe(fc.constant([])) },
    { weight: 4, arbitrary: documentRecipe(fc.array(mutation, { minLength: 1, maxLength: 3 })) },
    {
      weight: 1,
      arbitrary: fc.json({ maxDepth: 3 }).map((body): BodyRecipe => ({ kind: 'raw', bytes: text(body), label: 'arbitrary JSON' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.string({ unit: 'binary', maxLength: 200 }).map(text), fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)))
        .map((bytes): BodyRecipe => ({ kind: 'raw', bytes, label: 'arbitrary bytes' })),
    },
  );
}

/** Recorded deliveries as well-formed documents. */
export const recordedDeliveries = (bodiesAsRecorded: readonly string[]) =>
  fc.constantFrom(...bodiesAsRecorded.map((recorded) => ({ document: JSON.parse(recorded) as Json, recorded })));

// ---------------------------------------------------------------- signatures

export type SignatureKind =
  | 'valid'
  | 'padded'
  | 'for-another-body'
  | 'another-secret'
  | 'truncated'
  | 'extended'
  | 'upper-cased'
  | 'random'
  | 'empty';

export interface SignatureSpec {
  readonly kind: SignatureKind;
  readonly cut: number;
  readonly noise: string;
}

export const signatureSpec: fc.Arbitrary<SignatureSpec> = fc.record({
  kind: fc.oneof(
    { weight: 10, arbitrary: fc.constant<SignatureKind>('valid') },
    {
      weight: 6,
      arbitrary: fc.constantFrom<SignatureKind>('padded', 'for-another-body', 'another-secret', 'truncated', 'extended', 'upper-cased', 'random', 'empty'),
    },
  ),
  cut: fc.nat(),
  noise: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }),
});

/** A signature value of the given kind; `sign` signs a body under a secret (the rest of the scheme is closed over). */
export function signatureOf(spec: SignatureSpec, body: Buffer, sign: (body: Buffer, secret: string) => string, secret: string): string {
  const valid = sign(body, secret);
  switch (spec.kind) {
    case 'valid':
      return valid;
    case 'padded':
      return ` ${valid}\t`;
    case 'for-another-body':
      return sign(Buffer.concat([body, text(spec.noise)]), secret);
    case 'another-secret':
      return sign(body, `${secret}${spec.noise}`);
    case 'truncated':
      return valid.slice(0, spec.cut % valid.length);
    case 'extended':
      return `${valid}${spec.noise}`;
    case 'upper-cased':
      return valid.toUpperCase() === valid ? valid.toLowerCase() : valid.toUpperCase();
    case 'random':
      return spec.noise;
    case 'empty':
      return '';
  }
}

// ---------------------------------------------------------------- headers

/** Where a header value goes: the single-value map, the multi-value map, or both (as API Gateway sends them). */
export type Placement = 'headers' | 'multi' | 'both';

export interface HeaderEntry {
  readonly name: string;
  readonly value: string;
  readonly placement: Placement;
}

/** A header name in any letter case. */
export const spelling = (name: string): fc.Arbitrary<string> => fc.mixedCase(fc.constant(name));

export const placement: fc.Arbitrary<Placement> = fc.constantFrom('headers', 'multi', 'both');

/** Unrelated headers a proxy might add. */
export const noiseHeaders: fc.Arbitrary<HeaderEntry[]> = fc.array(
  fc.record({
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
    value: fc.string({ maxLength: 40 }),
    placement,
  }),
  { maxLength: 3 },
);

export interface RequestShape {
  readonly method: string;
  readonly resource: string;
  readonly path?: string;
  readonly pathParameters?: Record<string, string>;
  readonly body: Buffer;
  readonly base64: boolean;
  readonly headers: readonly HeaderEntry[];
}

/** The API Gateway proxy event for a request, headers placed exactly as listed (later entries overwrite same-spelt ones). */
export function eventOf(shape: RequestShape): APIGatewayProxyEvent {
  const event = apiEvent({
    method: shape.method,
    resource: shape.resource,
    ...(shape.path ? { path: shape.path } : {}),
    ...(shape.pathParameters ? { pathParameters: shape.pathParameters } : {}),
    body: shape.body.toString('base64'),
    base64: false,
  });
  event.isBase64Encoded = shape.base64;
  event.body = shape.base64 ? shape.body.toString('base64') : shape.body.toString('utf8');
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const multi: Record<string, string[]> = { 'Content-Type': ['application/json'] };
  for (const entry of shape.headers) {
    if (entry.placement !== 'multi') headers[entry.name] = entry.value;
    if (entry.placement !== 'headers') multi[entry.name] = [...(multi[entry.name] ?? []), entry.value];
  }
  event.headers = headers;
  event.multiValueHeaders = multi;
  return event;
}

/** Every value the event carries for a header, whatever its spelling or map: what a verifier could have looked at. */
export function headerValues(event: APIGatewayProxyEvent, name: string): string[] {
  const wanted = name.toLowerCase();
  return [
    ...Object.entries(event.headers ?? {}).filter(([k]) => k.toLowerCase() === wanted).map(([, v]) => v ?? ''),
    ...Object.entries(event.multiValueHeaders ?? {})
      .filter(([k]) => k.toLowerCase() === wanted)
      .flatMap(([, vs]) => vs ?? []),
  ];
}

/** Does the raw text of a body survive the trip through `event.body` unchanged (it does not for invalid UTF-8 sent as text)? */
export const survivesAsText = (body: Buffer): boolean => Buffer.from(body.toString('utf8'), 'utf8').equals(body);

// ---------------------------------------------------------------- timestamps

export interface TimestampCase {
  readonly value: string;
  readonly label: string;
}

const now = Number(NOW_SECONDS);

/** Timestamp header values: inside and outside the 5-minute window, on its edges, and malformed. */
export const timestamps: fc.Arbitrary<TimestampCase> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -290, max: 290 }).map((d) => ({ value: String(now + d), label: 'within' })) },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((d) => ({ value: String(now + d), label: 'anywhere' })) },
  { weight: 1, arbitrary: fc.constantFrom(-301, -300, 300, 301).map((d) => ({ value: String(now + d), label: 'edge' })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '',
        ' ',
        `${now}.5`,
        `+${now}`,
        `-${now}`,
        `0${now}`,
        `${now}000`,
        `${now} `,
        `0x${now.toString(16)}`,
        `${now}e0`,
        '99999999999999999999',
        'NaN',
        'Infinity',
      )
      .map((value) => ({ value, label: 'malformed' })),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 14 }).map((value) => ({ value, label: 'random' })) },
);

/**
 * The oracle's reading of a timestamp: decimal whole seconds (after HTTP
 * whitespace trimming) within 5 minutes of now, either way. Deliberately no
 * stricter than that: a published event must satisfy it, whatever else the
 * handler also refuses.
 */
export function timestampAcceptable(value: string): boolean {
  const trimmed = value.trim();
  return /^[0-9]+$/.test(trimmed) && Math.abs(Number(trimmed) - now) <= 300;
}
