import fc from 'fast-check';
import { CORPORA, HELP_TEXT, RECENT_MEMORY, answerFor, parseRecent, pickFromCorpus, type ContentKind } from './answers';
import { answerFromApiBody } from './api-content';

const KINDS: ContentKind[] = ['JOKE', 'FACT'];

describe('corpora', () => {
  it.each(KINDS)('%s has at least 50 distinct items, each short enough for one post', (kind) => {
    const { items } = CORPORA[kind];
    expect(items.length).toBeGreaterThanOrEqual(50);
    expect(new Set(items).size).toBe(items.length);
    for (const item of items) {
      expect(item.trim()).toBe(item);
      expect(item.length).toBeGreaterThan(10);
      expect(item.length).toBeLessThan(250);
    }
  });
});

describe('answerFor', () => {
  it('maps each intent to its answer and anything unknown to the help text', () => {
    expect(answerFor('Joke')).toBe('JOKE');
    expect(answerFor('Fact')).toBe('FACT');
    expect(answerFor('FallbackIntent')).toBe('HELP');
    expect(answerFor('OrderPizza')).toBe('HELP');
    expect(answerFor('toString')).toBe('HELP');
    expect(HELP_TEXT).toMatch(/joke/);
  });
});

describe('pickFromCorpus', () => {
  it('remembers what the session heard and does not repeat it', () => {
    let session: Record<string, string> = {};
    const seen: string[] = [];
    for (let i = 0; i < RECENT_MEMORY + 1; i++) {
      const picked = pickFromCorpus('JOKE', session, () => 0);
      seen.push(picked.text);
      session = picked.sessionAttributes;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(parseRecent(session['recentJokes'], CORPORA.JOKE.items.length)).toHaveLength(RECENT_MEMORY);
  });

  it('keeps other session attributes and ignores a corrupted memory', () => {
    const picked = pickFromCorpus('FACT', { recentFacts: 'x,999,-1,2', other: 'kept' }, () => 0.5);
    expect(picked.sessionAttributes['other']).toBe('kept');
    expect(CORPORA.FACT.items).toContain(picked.text);
    expect(parseRecent('x,999,-1,2', 55)).toEqual([2]);
  });

  it('always returns an item of the corpus, whatever the random source says', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.double({ min: 0, max: 1, noNaN: true }), (kind, r) => {
        const picked = pickFromCorpus(kind, {}, () => r);
        expect(CORPORA[kind].items).toContain(picked.text);
      }),
    );
  });
});

describe('answerFromApiBody', () => {
  it('reads the shapes of the public joke and fact APIs', () => {
    expect(answerFromApiBody({ id: 'R7UfaahVfFd', joke: 'My dog used to chase people on a bike a lot.', status: 200 })).toBe(
      'My dog used to chase people on a bike a lot.',
    );
    expect(answerFromApiBody({ type: 'general', setup: 'Why?', punchline: 'Because.', id: 1 })).toBe('Why? Because.');
    expect(answerFromApiBody({ id: 'a1', text: 'Bananas   are\nberries.', source: 'x', language: 'en' })).toBe('Bananas are berries.');
    expect(answerFromApiBody([{ fact: 'Cats sleep a lot.', length: 17 }])).toBe('Cats sleep a lot.');
  });

  it('refuses empty, oversized or unknown bodies', () => {
    expect(answerFromApiBody({ joke: '   ' })).toBeUndefined();
    expect(answerFromApiBody({ joke: 'x'.repeat(501) })).toBeUndefined();
    expect(answerFromApiBody({ message: 'rate limited' })).toBeUndefined();
    expect(answerFromApiBody('a joke')).toBeUndefined();
    expect(answerFromApiBody(null)).toBeUndefined();
  });
});
