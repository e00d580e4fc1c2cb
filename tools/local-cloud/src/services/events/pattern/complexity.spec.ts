import { MAX_WILDCARD_COMPLEXITY, wildcardComplexity } from './complexity';

/** Without the quotes EventBridge adds around string values, the measure reads like the engine's own examples. */
describe('wildcardComplexity', () => {
  it('is 0 without wildcard patterns', () => {
    expect(wildcardComplexity([])).toBe(0);
  });

  it('grows with repeated characters after a wildcard', () => {
    expect(wildcardComplexity(['a*b'])).toBeLessThan(wildcardComplexity(['a*bbb']));
    expect(wildcardComplexity(['a*bbb'])).toBeLessThan(wildcardComplexity(['a*bbbbbbb']));
  });

  it('adds up over the patterns of a field', () => {
    const one = wildcardComplexity(['*:stack/Alpha/*']);
    expect(wildcardComplexity(['*:stack/Alpha/*', '*:stack/Beta/*'])).toBe(2 * one);
  });

  it.each([
    // Rules AWS accepts.
    [['arn:aws:events:us-east-1:*:event-bus/*'], true],
    [['/Users/*/dir/dir/dir/dir/dir/doc.txt'], true],
    [['*:stack/Alpha/*', '*:stack/Beta/*', '*:stack/Gamma/*'], true],
    // Rules AWS refuses as too complex.
    [['*:*:*:*:*:event-bus/*'], false],
    [['*:stack/Alpha/*', '*:stack/Beta/*', '*:stack/Gamma/*', '*:stack/Delta/*'], false],
  ] as const)('%j within the limit → %s', (sources, accepted) => {
    expect(wildcardComplexity(sources) <= MAX_WILDCARD_COMPLEXITY).toBe(accepted);
  });

  it('reports a value past the limit for many wildcard patterns without exploring them all', () => {
    const many = Array.from({ length: 40 }, (_, i) => `*${i}*x*`);
    expect(wildcardComplexity(many)).toBeGreaterThan(MAX_WILDCARD_COMPLEXITY);
  });
});
