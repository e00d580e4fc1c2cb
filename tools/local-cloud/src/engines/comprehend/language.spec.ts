import { LocalComprehendEngine } from './engine';
import { chineseVariant } from './chinese-script';

const engine = new LocalComprehendEngine();

describe('DetectDominantLanguage', () => {
  it.each([
    ['The weather is lovely today and we are going to the beach', 'en'],
    ['El servicio de atención al cliente fue muy lento', 'es'],
    ['Je voudrais réserver une table pour deux personnes', 'fr'],
    ['Ich habe heute keine Zeit für das Meeting', 'de'],
    ['今日はとても良い天気ですね', 'ja'],
    ['我们今天去公园散步', 'zh'],
    ['我們今天去公園散步，這個地方很漂亮', 'zh-TW'],
  ])('detects %p as %s', async (text, code) => {
    const { Languages = [] } = await engine.detectDominantLanguage(text);
    expect(Languages[0]?.LanguageCode).toBe(code);
  });

  it('returns languages sorted by a score in 0..1 whose total is at most 1', async () => {
    const { Languages = [] } = await engine.detectDominantLanguage('hola amigo');
    const scores = Languages.map((l) => l.Score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.000001);
    for (const s of scores) expect(s).toBeGreaterThan(0);
  });

  it('returns no language for a text without letters', async () => {
    expect(await engine.detectDominantLanguage('12345 !!!')).toEqual({ Languages: [] });
  });

  it('tells Traditional from Simplified Chinese', () => {
    expect(chineseVariant('这个国家')).toBe('zh');
    expect(chineseVariant('這個國家')).toBe('zh-TW');
  });
});
