import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS, type DetailOf, type DetailType } from '../registry';

/**
 * The JSON `@example` blocks of a source file's TSDoc, parsed. The examples in
 * the schemas' TSDoc are the contracts' sample events: one source, checked by
 * the contracts' own tests and reused as fixtures by every service's tests.
 */
export function tsdocExamples(file: string): unknown[] {
  const source = readFileSync(join(__dirname, '..', file), 'utf8');
  const examples: unknown[] = [];
  for (const match of source.matchAll(/@example\s*\n\s*\*\s*```json\n([\s\S]*?)\n\s*\*\s*```/g)) {
    const json = match[1]!
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n');
    examples.push(JSON.parse(json));
  }
  return examples;
}

/** The `@example` detail of a detail-type's schema (the last example in its TSDoc block before the schema). */
export function exampleDetail<T extends DetailType>(detailType: T): DetailOf<T> {
  const { file, schema } = CONTRACTS[detailType];
  const candidates = tsdocExamples(file).filter((e) => schema.safeParse(e).success);
  if (candidates.length === 0) throw new Error(`No valid @example for ${detailType} in ${file}`);
  // Several contracts share a file (replies.ts): pick the example whose keys match the schema best.
  const keys = Object.keys((schema as unknown as { shape?: object }).shape ?? {});
  const best = candidates
    .map((e) => ({ e, score: keys.filter((k) => k in (e as object)).length - Object.keys(e as object).length }))
    .sort((a, b) => b.score - a.score)[0]!;
  return structuredClone(best.e) as DetailOf<T>;
}

/** A complete EventBridge event around a detail, as a rule target receives it. */
export function busEvent<T extends DetailType>(
  detailType: T,
  detail: DetailOf<T> = exampleDetail(detailType),
  overrides: Partial<{ id: string; time: string; account: string; region: string; 'replay-name': string }> = {},
) {
  return {
    version: '0',
    id: overrides.id ?? '2bea8c88-c241-d3ff-396f-d600c815599a',
    'detail-type': detailType,
    source: CONTRACTS[detailType].source,
    account: overrides.account ?? '123456789012',
    time: overrides.time ?? '2022-09-21T12:56:22Z',
    region: overrides.region ?? 'eu-west-1',
    resources: [] as string[],
    detail,
    ...(overrides['replay-name'] ? { 'replay-name': overrides['replay-name'] } : {}),
  };
}
