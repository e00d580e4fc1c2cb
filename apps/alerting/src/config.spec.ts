import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertingConfigFromContext, alertTypesOf } from './config';
import { AlertingConfigurationError } from './errors';

const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const from = (context: Record<string, unknown>) => alertingConfigFromContext((key) => context[key]);
const problem = (context: Record<string, unknown>): AlertingConfigurationError => {
  try {
    from(context);
  } catch (error) {
    return error as AlertingConfigurationError;
  }
  throw new Error('expected the configuration to be refused');
};

describe('alerting configuration', () => {
  it('reads cdk.json: an 80% moderation threshold and no subscriber (addresses come from deployers, not the repository)', () => {
    expect(from(cdkJson.context)).toEqual({ moderationMinConfidence: 80, alertSubscriptions: [] });
  });

  it('accepts the strings `cdk synth -c key=value` gives', () => {
    const config = from({
      moderationMinConfidence: '92.5',
      alertSubscriptions: '[{"protocol":"email","endpoint":"ops@example.com","alertTypes":["IMAGE_MODERATION"]}]',
    });
    expect(config.moderationMinConfidence).toBe(92.5);
    expect(config.alertSubscriptions).toEqual([{ protocol: 'email', endpoint: 'ops@example.com', alertTypes: ['IMAGE_MODERATION'] }]);
  });

  it('gives a subscriber without alertTypes every alert type', () => {
    const [sub] = from({ moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'https', endpoint: 'https://h.example.com/a' }] })
      .alertSubscriptions;
    expect(alertTypesOf(sub!)).toEqual(['NEGATIVE_MESSAGE', 'IMAGE_MODERATION']);
  });

  it.each([
    ['a missing threshold', { alertSubscriptions: [] }, /moderationMinConfidence/],
    ['a threshold over 100', { moderationMinConfidence: 150 }, /moderationMinConfidence/],
    ['context that is not JSON', { moderationMinConfidence: 80, alertSubscriptions: '[{oops' }, /not valid JSON/],
    ['a malformed e-mail address', { moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'email', endpoint: 'ops-at-example' }] }, /alertSubscriptions\.0\.endpoint/],
    ['a plain-http endpoint', { moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'https', endpoint: 'http://h.example.com' }] }, /alertSubscriptions\.0\.endpoint/],
    ['an unknown protocol', { moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'sms', endpoint: '+447700900123' }] }, /protocol/],
    ['an unknown alert type', { moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'email', endpoint: 'a@example.com', alertTypes: ['POSITIVE'] }] }, /alertTypes/],
    ['an empty alertTypes list', { moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'email', endpoint: 'a@example.com', alertTypes: [] }] }, /alertTypes/],
    ['a misspelt key', { moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'email', endpoint: 'a@example.com', alertType: ['NEGATIVE_MESSAGE'] }] }, /alertType/],
    ['the same endpoint twice', { moderationMinConfidence: 80, alertSubscriptions: [{ protocol: 'email', endpoint: 'a@example.com' }, { protocol: 'email', endpoint: 'a@example.com' }] }, /listed twice/],
  ])('refuses %s, saying where', (_name, context, message) => {
    const error = problem(context);
    expect(error).toBeInstanceOf(AlertingConfigurationError);
    expect(error.name).toBe('AlertingConfigurationError');
    expect(error.message).toMatch(message);
  });
});
