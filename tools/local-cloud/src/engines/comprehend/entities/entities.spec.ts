import { LocalComprehendEngine } from '../engine';
import { sliceCodePoints } from '../offsets';
import { chunkText, resolveOverlaps } from './spans';

const engine = new LocalComprehendEngine();

describe('DetectEntities', () => {
  it('finds AWS entity types with offsets in code points of the original text', async () => {
    const text = '😍 Tim Cook visited Paris on Monday 3 June 2024 for the Glastonbury Festival, bought an iPhone 15 for $999 and watched "The Crown" @makitdev';
    const { Entities = [] } = await engine.detectEntities(text, 'en');
    const found = Object.fromEntries(Entities.map((e) => [e.Text, e.Type]));
    expect(found).toMatchObject({
      'Tim Cook': 'PERSON',
      Paris: 'LOCATION',
      'Monday 3 June 2024': 'DATE',
      'Glastonbury Festival': 'EVENT',
      'iPhone 15': 'COMMERCIAL_ITEM',
      $999: 'QUANTITY',
      'The Crown': 'TITLE',
      '@makitdev': 'PERSON',
    });
    for (const e of Entities) {
      expect(sliceCodePoints(text, e.BeginOffset!, e.EndOffset!)).toBe(e.Text);
      expect(e.Score).toBeGreaterThan(0);
      expect(e.Score).toBeLessThanOrEqual(1);
    }
  });

  it('finds organisations by their legal or trade suffix', async () => {
    const { Entities = [] } = await engine.detectEntities('awful service from Acme Motors and Northwind Telecom Ltd.', 'en');
    expect(Entities.filter((e) => e.Type === 'ORGANIZATION').map((e) => e.Text)).toEqual(['Acme Motors', 'Northwind Telecom Ltd.']);
  });

  it('finds language-independent entities in other languages', async () => {
    const { Entities = [] } = await engine.detectEntities('Hola @ana_g, mira https://example.es #verano', 'es');
    expect(Entities.map((e) => [e.Type, e.Text])).toEqual([
      ['PERSON', '@ana_g'],
      ['OTHER', 'https://example.es'],
      ['OTHER', '#verano'],
    ]);
  });

  it('finds entities across the whole of a long text', async () => {
    const filler = 'There is nothing much to see here. '.repeat(300);
    const text = `${filler}Ada Lovelace lives in London.`;
    const { Entities = [] } = await engine.detectEntities(text, 'en');
    expect(Entities.map((e) => [e.Text, e.BeginOffset])).toEqual([
      ['Ada Lovelace', filler.length],
      ['London', filler.length + 22],
    ]);
  });
});

describe('spans', () => {
  it('keeps the longer of two overlapping spans', () => {
    const kept = resolveOverlaps([
      { type: 'A', begin: 0, end: 5, score: 0.9 },
      { type: 'B', begin: 2, end: 12, score: 0.5 },
      { type: 'C', begin: 12, end: 14, score: 0.5 },
    ]);
    expect(kept.map((s) => s.type)).toEqual(['B', 'C']);
  });

  it('cuts long texts into pieces that join back into the text', () => {
    const text = 'One sentence here. '.repeat(500) + '😀'.repeat(3000);
    const pieces = chunkText(text, 2_000);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const p of pieces) expect(p.text.length).toBeLessThanOrEqual(2_000);
    for (const p of pieces) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });
});
