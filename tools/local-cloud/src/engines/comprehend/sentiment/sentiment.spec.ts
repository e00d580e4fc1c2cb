import fc from 'fast-check';
import { LocalComprehendEngine } from '../engine';
import { splitClauses } from './clauses';
import { scoresFromEvidence } from './scores';

const engine = new LocalComprehendEngine();
const label = async (text: string, language = 'en') => (await engine.detectSentiment(text, language)).Sentiment;

describe('DetectSentiment', () => {
  it.each([
    ['I love this, the team did a fantastic job', 'POSITIVE'],
    ['Worst customer service ever, I am furious', 'NEGATIVE'],
    ['The meeting is at 3pm in room 204', 'NEUTRAL'],
    ['The food was great but the service was awful', 'MIXED'],
  ])('reads %p as %s', async (text, expected) => {
    expect(await label(text)).toBe(expected);
  });

  it('flips negated words', async () => {
    expect(await label('This is good')).toBe('POSITIVE');
    expect(await label('This is not good at all')).toBe('NEGATIVE');
  });

  it('reads emoji and emoticons', async () => {
    expect(await label('Monday again 😡😤')).toBe('NEGATIVE');
    expect(await label('Weekend :D 🎉')).toBe('POSITIVE');
  });

  it('reads praise that frames a complaint as negative (sarcasm)', async () => {
    expect(await label('Great, my flight got cancelled again. Thanks a lot 🙄')).toBe('NEGATIVE');
  });

  it('answers the other languages Comprehend supports from emoji only, NEUTRAL without them', async () => {
    expect(await label('El servicio fue terrible', 'es')).toBe('NEUTRAL');
    expect(await label('Me encanta 😍❤️', 'es')).toBe('POSITIVE');
  });

  it('returns four scores in 0..1 that sum to 1 and a label that is the highest score', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (positive, negative) => {
        const { Sentiment, SentimentScore } = scoresFromEvidence({ positive, negative });
        const values = Object.values(SentimentScore);
        expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        for (const v of values) expect(v).toBeGreaterThanOrEqual(0);
        const key = (Sentiment.charAt(0) + Sentiment.slice(1).toLowerCase()) as keyof typeof SentimentScore;
        expect(SentimentScore[key]).toBe(Math.max(...values));
      }),
    );
  });

  it('never answers MIXED without evidence on both sides', () => {
    expect(scoresFromEvidence({ positive: 3, negative: 0 }).Sentiment).toBe('POSITIVE');
    expect(scoresFromEvidence({ positive: 0, negative: 0 }).Sentiment).toBe('NEUTRAL');
  });
});

describe('splitClauses', () => {
  it('cuts at punctuation and contrastive connectives and keeps offsets into the message', () => {
    const text = 'Great camera, terrible screen but fast delivery!';
    const clauses = splitClauses(text);
    expect(clauses.map((c) => c.text)).toEqual(['Great camera', 'terrible screen', 'but fast delivery!']);
    for (const c of clauses) expect(text.slice(c.start, c.start + c.text.length)).toBe(c.text);
    expect(clauses[2]!.contrast).toBe(true);
  });
});
