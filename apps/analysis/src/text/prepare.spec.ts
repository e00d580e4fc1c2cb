import { exampleDetail } from '@sma/contracts/testing';
import { InvalidMessageError } from '../errors';
import { SUPPORTED_LANGUAGES } from './languages';
import { API_BYTE_LIMITS, TEXT_BYTE_LIMITS } from './limits';
import { languageSample, prepareText } from './prepare';
import { utf8Bytes } from './utf8';

const message = (Text: string) => ({ ...exampleDetail('MESSAGE_RECEIVED'), Text });
const prepare = (Text: string, DefaultLanguage: 'en' | 'es' = 'en') => prepareText({ Message: message(Text), DefaultLanguage });

describe('languageSample', () => {
  it('keeps the words, without mentions and links', () => {
    expect(languageSample('@makitdev   hello @other_user, see https://t.co/abc123 #deals\nnow')).toBe('hello , see #deals now');
    expect(languageSample('@makitdev https://t.co/x @a')).toBe('');
    expect(languageSample('write to me@example.com')).toBe('write to me@example.com');
  });
});

describe('prepareText', () => {
  it('detects the language of a text with 20 characters of words, and gives each analysis the text', () => {
    const text = '@makitdev the van broke down again';
    const { Plan, Texts } = prepare(text);
    expect(Plan).toEqual({
      MessageBytes: utf8Bytes(JSON.stringify(message(text))),
      Empty: false,
      DetectLanguage: true,
      DefaultLanguage: 'en',
      Language: { Code: 'en', Score: 0, Source: 'DEFAULT' },
      Truncated: [],
    });
    expect(Texts).toEqual({ LANGUAGE: 'the van broke down again', SENTIMENT: text, ENTITIES: text, PII: text });
  });

  it('uses the configured default language below 20 characters of words (mentions do not count)', () => {
    const { Plan, Texts } = prepare('@makitdev @someone tell me a joke', 'es');
    expect(Plan).toMatchObject({ Empty: false, DetectLanguage: false, Language: { Code: 'es', Score: 0, Source: 'DEFAULT' } });
    expect(Texts.LANGUAGE).toBe('');
    expect(prepare('exactly twenty chars').Plan.DetectLanguage).toBe(true);
    expect(prepare('nineteen characters').Plan.DetectLanguage).toBe(false);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(prepare('😀'.repeat(19)).Plan.DetectLanguage).toBe(false);
    expect(prepare('日本語のテキストです。とても短いですね').Plan.DetectLanguage).toBe(false);
    expect(prepare('日本語のテキストです。とても短いですね。').Plan.DetectLanguage).toBe(true);
  });

  it('marks a message without words as empty and gives no analysis any text', () => {
    for (const text of ['', '   ', '@makitdev', '@makitdev https://t.co/abc']) {
      const { Plan, Texts } = prepare(text);
      expect(Plan).toMatchObject({ Empty: true, DetectLanguage: false, Truncated: [] });
      expect(Object.values(Texts)).toEqual(['', '', '', '']);
    }
  });

  it('cuts each analysis text to its byte limit on a character boundary and says which were cut', () => {
    const text = 'é'.repeat(3000); // 6,000 bytes
    const { Plan, Texts } = prepare(text);
    expect(Plan.Truncated).toEqual(['LANGUAGE', 'SENTIMENT', 'ENTITIES', 'PII']);
    for (const analysis of ['LANGUAGE', 'SENTIMENT', 'ENTITIES', 'PII'] as const) {
      expect(utf8Bytes(Texts[analysis])).toBe(5000);
      expect(text.startsWith(Texts[analysis])).toBe(true);
    }
    expect(prepare('a'.repeat(5000)).Plan.Truncated).toEqual([]);
  });

  it('never gives an API more than its own limit', () => {
    for (const analysis of ['LANGUAGE', 'SENTIMENT', 'ENTITIES', 'PII'] as const) {
      expect(TEXT_BYTE_LIMITS[analysis]).toBeLessThanOrEqual(API_BYTE_LIMITS[analysis]);
    }
  });

  it('refuses a message that breaks its contract with a typed error', () => {
    const { Twitter: _t, ...noOrigin } = message('hello');
    expect(() => prepareText({ Message: noOrigin, DefaultLanguage: 'en' })).toThrow(InvalidMessageError);
    expect(() => prepareText({ Message: { Text: 'hello' }, DefaultLanguage: 'en' })).toThrow(/MESSAGE_RECEIVED detail is invalid/);
  });

  it('lists PII languages as a subset of the sentiment and entity languages', () => {
    for (const code of SUPPORTED_LANGUAGES.PII) expect(SUPPORTED_LANGUAGES.SENTIMENT).toContain(code);
  });
});
