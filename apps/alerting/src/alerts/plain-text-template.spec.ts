import { AlertTemplateError } from '../errors';
import { ALERTS, ALERT_TYPES } from './alert-types';
import { placeholdersOf, plainTextTemplate } from './plain-text-template';

describe('plainTextTemplate', () => {
  it('keeps a valid template as given', () => {
    expect(plainTextTemplate('Hi <who>, from <aws.events.rule-name>', { who: '$.detail.Author' })).toEqual({
      text: 'Hi <who>, from <aws.events.rule-name>',
      paths: { who: '$.detail.Author' },
    });
  });

  it('lists placeholders once, in order', () => {
    expect(placeholdersOf('<a> <b> <a>')).toEqual(['a', 'b']);
  });

  it.each([
    ['text that starts like a JSON string', '"<a>"', { a: '$.detail.A' }, /must not start with/],
    ['text that starts like a JSON object', '  {"a": <a>}', { a: '$.detail.A' }, /must not start with/],
    ['a placeholder without a path', '<a> and <b>', { a: '$.detail.A' }, /<b> has no path/],
    ['a path never used', '<a>', { a: '$.detail.A', b: '$.detail.B' }, /"b" is never used/],
    ['a bracket-notation path', '<a>', { a: "$['detail']" }, /not a \$\.dot\.notation path/],
    ['a name EventBridge reserves', '<aws.x>', { 'aws.x': '$.detail.A' }, /placeholder name/],
    ['empty text', '   ', {}, /empty/],
    ['text over 8,192 characters', `<a>${'x'.repeat(8192)}`, { a: '$.a' }, /8192/],
  ])('refuses %s', (_name, text, paths, reason) => {
    expect(() => plainTextTemplate(text, paths)).toThrow(AlertTemplateError);
    expect(() => plainTextTemplate(text, paths)).toThrow(reason);
  });

  it('holds for every alert message, each naming the text, its author and its channel', () => {
    for (const type of ALERT_TYPES) {
      const { message } = ALERTS[type];
      expect(plainTextTemplate(message.text, message.paths)).toEqual(message);
      expect(placeholdersOf(message.text)).toEqual(expect.arrayContaining(['text', 'author', 'channel']));
    }
    expect(ALERTS.NEGATIVE_MESSAGE.message.text).toMatch(/^You have received a Negative Message: <text> - <author>/);
  });
});
