import fc from 'fast-check';
import { redactPatterns } from './pii-patterns';

describe('redactPatterns', () => {
  it.each([
    ['a UK mobile', 'call 07700 900123 today', 'call [PHONE] today'],
    ['an international number', 'ring +44 7700 900123.', 'ring [PHONE].'],
    ['00 prefix', 'dial 0044 7700 900123', 'dial [PHONE]'],
    ['US style with brackets', 'office (555) 123-4567', 'office [PHONE]'],
    ['dotted', 'fax 555.123.4567', 'fax [PHONE]'],
    ['unbroken', 'sms 447700900123 now', 'sms [PHONE] now'],
    ['an e-mail', 'write to harry.p+vans@example.co.uk!', 'write to [EMAIL]!'],
    ['a Slack mailto link', '<mailto:a.b@example.com|a.b@example.com>', '<mailto:[EMAIL]|[EMAIL]>'],
    ['an e-mail whose local part is a phone number', '07700900123@sms.example.com', '[EMAIL]'],
  ])('replaces %s', (_name, text, expected) => {
    expect(redactPatterns(text).text).toBe(expected);
  });

  it.each([
    ['a date', 'on 2022-09-21 we'],
    ['a date-time', 'at 2022-09-21 12:56:22'],
    ['a tweet URL with a 19-digit id', 'https://x.com/harry11/status/1572570427880538999'],
    ['a price', 'it cost £1,250.99'],
    ['a short number', 'order 12345678 arrived'],
    ['a score', 'confidence 0.9876543'],
    ['a handle', '@makitdev and #vans'],
  ])('leaves %s alone', (_name, text) => {
    expect(redactPatterns(text)).toEqual({ text, replaced: 0 });
  });

  const local = fc.stringMatching(/^[a-z][a-z0-9._+-]{0,15}[a-z0-9]$/);
  const domain = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z]\.(com|co\.uk|org|io)$/);
  const phone = fc
    .tuple(fc.constantFrom('+44 ', '0', '+1 ', '00 33 '), fc.array(fc.stringMatching(/^[0-9]{3,4}$/), { minLength: 3, maxLength: 3 }), fc.constantFrom(' ', '-', '.'))
    .map(([prefix, groups, sep]) => `${prefix}${groups.join(sep)}`);
  const words = fc.array(fc.constantFrom('van', 'broke', 'again', 'call', 'me', 'on', 'or', 'mail', ',', '!', '😡', 'at'), { maxLength: 6 }).map((w) => w.join(' '));

  it('never lets an e-mail address or a phone number through, wherever it sits in a sentence (property)', () => {
    fc.assert(
      fc.property(words, local, domain, words, phone, words, (a, user, host, b, number, c) => {
        const email = `${user}@${host}`;
        const { text } = redactPatterns(`${a} ${email} ${b} ${number} ${c}`);
        expect(text).not.toContain(email);
        expect(text).not.toContain(number);
        expect(text.replace(/\[PHONE\]|\[EMAIL\]/g, '')).not.toMatch(/\d{3}[ .-]\d{3}/);
      }),
    );
  });
});
