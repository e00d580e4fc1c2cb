import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidEventPatternException, createRuleMatcher, matchesPattern, validatePattern } from './index';

/**
 * The data-driven corpus: one JSON file per operator family under
 * `__fixtures__/`, each case with the documented rule it checks in `note`.
 * Matching cases run through `matchesPattern` and through a one-rule
 * `createRuleMatcher`; invalid patterns must be refused with AWS's reason.
 */
interface MatchCase {
  readonly note: string;
  readonly pattern: unknown;
  readonly event?: unknown;
  readonly matches: boolean;
}

interface InvalidCase {
  readonly note: string;
  readonly pattern: unknown;
  readonly reason?: string;
  readonly error?: string;
}

interface CorpusFile {
  readonly about: string;
  readonly event?: unknown;
  readonly cases: readonly MatchCase[];
  readonly invalid?: readonly InvalidCase[];
}

const directory = join(__dirname, '__fixtures__');
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, corpus: JSON.parse(readFileSync(join(directory, name), 'utf8')) as CorpusFile }));

describe.each(files)('$name', ({ corpus }) => {
  const eventOf = (c: MatchCase) => c.event ?? corpus.event;

  it.each(corpus.cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    expect(matchesPattern(c.pattern, eventOf(c))).toBe(c.matches);
    expect(createRuleMatcher([{ name: 'rule', pattern: c.pattern }]).match(eventOf(c))).toEqual(c.matches ? ['rule'] : []);
  });

  const invalid = corpus.invalid ?? [];
  if (invalid.length > 0) {
    it.each(invalid.map((c) => [c.note, c] as const))('refuses: %s', (_note, c) => {
      let thrown: unknown;
      try {
        validatePattern(c.pattern);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidEventPatternException);
      const error = thrown as InvalidEventPatternException;
      expect(error.name).toBe(c.error ?? 'InvalidEventPatternException');
      if (c.reason !== undefined) {
        expect(error.reason).toBe(c.reason);
        expect(error.message).toBe(`Event pattern is not valid. Reason: ${c.reason}`);
      }
    });
  }
});

it('the corpus holds at least 150 cases, positive and must-not-match for every file', () => {
  const all = files.flatMap((f) => f.corpus.cases);
  expect(all.length + files.flatMap((f) => f.corpus.invalid ?? []).length).toBeGreaterThanOrEqual(150);
  for (const { name, corpus } of files) {
    expect({ name, positive: corpus.cases.some((c) => c.matches) }).toEqual({ name, positive: true });
    expect({ name, negative: corpus.cases.some((c) => !c.matches) }).toEqual({ name, negative: true });
  }
});
