import fc from 'fast-check';
import { DEFAULT_UTTERANCE, MAX_UTTERANCE_CHARS, cleanMessageText, cutToLength, utteranceFor } from './utterance';

describe('cleanMessageText', () => {
  it.each([
    ['@makitdev tell me a joke', 'tell me a joke'],
    ['@makitdev @other_acct tell me a joke @makitdev', 'tell me a joke'],
    ['hey ＠makitdev, joke please', 'hey , joke please'],
    ['tell me a fact https://t.co/AbC123xyz', 'tell me a fact'],
    ['look at www.example.com/page?x=1 and tell me a fact', 'look at and tell me a fact'],
    ['mail me at ann@example.com', 'mail me at ann@example.com'],
    ['<@U0123ABCD> tell me a joke', 'tell me a joke'],
    ['<@U0123ABCD|ann> <!here> tell me a joke <!subteam^S012AB|@devs>', 'tell me a joke'],
    ['see <https://example.com/a?b=c|this page> and <https://example.com/x>', 'see this page and'],
    ['ask in <#C0123ABC|general> please', 'ask in general please'],
    ['write to <mailto:ann@example.com|ann@example.com>', 'write to ann@example.com'],
    ['fish &amp; chips &lt;3', 'fish & chips <3'],
    ['  lots \n\n of\t space  ', 'lots of space'],
    ['@makitdev https://t.co/abc', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanMessageText(input)).toBe(expected);
  });

  it('keeps @ in the middle of words and handles longer than X allows', () => {
    expect(cleanMessageText('price@home is fine')).toBe('price@home is fine');
    expect(cleanMessageText('@averyveryverylonghandle hi')).toBe('@averyveryverylonghandle hi');
  });

  it('cuts to the 1,024 characters Lex accepts, never splitting a surrogate pair', () => {
    const long = `${'a'.repeat(1023)}😀tail`;
    const cleaned = cleanMessageText(long);
    expect(cleaned).toBe('a'.repeat(1023));
    expect(cleanMessageText('word '.repeat(400)).length).toBeLessThanOrEqual(MAX_UTTERANCE_CHARS);
  });

  it('never leaves a handle or a link, and always fits Lex, whatever the text', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^@[A-Za-z0-9_]{1,15}$/),
      fc.webUrl().map((u) => ` ${u} `),
      fc.constantFrom('<@U0123ABC>', '<https://x.example/a|label>', ' ', '\n', '😀', 'é'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const cleaned = cleanMessageText(pieces.join(' '));
        expect(cleaned.length).toBeLessThanOrEqual(MAX_UTTERANCE_CHARS);
        expect(cleaned).toBe(cleaned.trim());
        expect(cleaned).not.toMatch(/(^|\s)@[A-Za-z0-9_]{1,15}(\s|$)/);
        expect(cleaned).not.toMatch(/https?:\/\//);
        expect(cleaned).not.toMatch(/<@U/);
      }),
    );
  });
});

describe('cutToLength', () => {
  it('leaves short text alone and drops a dangling high surrogate', () => {
    expect(cutToLength('abc', 5)).toBe('abc');
    expect(cutToLength('ab😀', 3)).toBe('ab');
    expect(cutToLength('ab😀', 4)).toBe('ab😀');
  });
});

describe('utteranceFor', () => {
  it('falls back to the default utterance when nothing is left to say', () => {
    expect(DEFAULT_UTTERANCE).toBe('Tell me a fact');
    expect(utteranceFor('@makitdev')).toBe(DEFAULT_UTTERANCE);
    expect(utteranceFor('<@U0123> <https://x.example>', 'hello')).toBe('hello');
    expect(utteranceFor('@makitdev tell me a joke')).toBe('tell me a joke');
  });
});
