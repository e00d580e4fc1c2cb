import { Match } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib';
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { synthWithNag } from '@sma/cdk/testing';
import { ALERTS } from './alerts/alert-types';
import type { AlertSubscription } from './config';
import { AlertingConfigurationError } from './errors';
import { AlertingStack, type AlertingStackProps } from './stack';

const subscriptions: AlertSubscription[] = [
  { protocol: 'email', endpoint: 'support-leads@example.com', alertTypes: ['NEGATIVE_MESSAGE'] },
  { protocol: 'email', endpoint: 'trust-and-safety@example.com', alertTypes: ['IMAGE_MODERATION'] },
  { protocol: 'https', endpoint: 'https://hooks.example.com/sma/alerts' },
];
const synth = (props: AlertingStackProps = {}) => synthWithNag((app) => new AlertingStack(app, 'Alerting', props));
const topicRef = (type: string) => ({ Ref: Match.stringLikeRegexp(`^Alerts${type.replace('_', '')}`) });
const ruleFor = (description: string) => ({ Description: description, EventBusName: PLUMBING_BUS_NAME });

describe('AlertingStack', () => {
  const { template, findings } = synth({ subscriptions });

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(findings).toEqual([]);
  });

  it('runs no code: routing is in patterns, formatting in input transformers', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('alerts on NEGATIVE MESSAGE_ANALYSED from the analysis service only', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ...ruleFor(ALERTS.NEGATIVE_MESSAGE.ruleDescription),
      EventPattern: {
        source: ['ANALYSIS'],
        'detail-type': ['MESSAGE_ANALYSED'],
        detail: { Analysis: { TextSentiment: ['NEGATIVE'] } },
      },
    });
  });

  it('alerts on moderation labels at or above 80% by default', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ...ruleFor(ALERTS.IMAGE_MODERATION.ruleDescription),
      EventPattern: {
        source: ['ANALYSIS'],
        'detail-type': ['MESSAGE_ANALYSED'],
        detail: { Analysis: { Images: { ModerationLabels: { Confidence: [{ numeric: ['>=', 80] }] } } } },
      },
    });
  });

  it('takes the moderation threshold from its props', () => {
    synth({ moderationMinConfidence: 95.5 }).template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        detail: { Analysis: { Images: { ModerationLabels: { Confidence: [{ numeric: ['>=', 95.5] }] } } } },
      }),
    });
  });

  it('refuses a threshold that is not a percentage', () => {
    for (const bad of [-1, 100.5, Number.NaN]) {
      expect(() => new AlertingStack(new App(), 'Bad', { moderationMinConfidence: bad })).toThrow(AlertingConfigurationError);
    }
  });

  it('writes plain-text messages (not JSON strings, which e-mails would show in quotes) straight to each type’s topic', () => {
    const paths = { text: '$.detail.Text', author: '$.detail.Author', channel: '$.detail.Channel', messageId: '$.detail.MessageId' };
    template.hasResourceProperties('AWS::Events::Rule', {
      ...ruleFor(ALERTS.NEGATIVE_MESSAGE.ruleDescription),
      Targets: [
        Match.objectLike({
          Arn: topicRef('NEGATIVE_MESSAGE'),
          InputTransformer: {
            InputPathsMap: paths,
            InputTemplate: 'You have received a Negative Message: <text> - <author> (channel: <channel>, message: <messageId>)',
          },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ...ruleFor(ALERTS.IMAGE_MODERATION.ruleDescription),
      Targets: [
        Match.objectLike({
          Arn: topicRef('IMAGE_MODERATION'),
          InputTransformer: {
            InputPathsMap: paths,
            InputTemplate:
              'You have received an image that needs moderation: <text> - <author> (channel: <channel>, message: <messageId>)',
          },
        }),
      ],
    });
  });

  it('retries each delivery and then dead-letters it into an alarmed queue', () => {
    const rules = template.findResources('AWS::Events::Rule');
    expect(Object.keys(rules)).toHaveLength(2);
    for (const rule of Object.values(rules)) {
      const target = (rule as { Properties: { Targets: Array<Record<string, unknown>> } }).Properties.Targets[0]!;
      expect(target['RetryPolicy']).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 });
      expect(target['DeadLetterConfig']).toEqual({ Arn: { 'Fn::GetAtt': [expect.stringMatching(/DeadLettersQueue/), 'Arn'] } });
    }
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Threshold: 1 }, 3);
  });

  it('encrypts both topics with a rotated key that EventBridge may use', () => {
    template.resourceCountIs('AWS::SNS::Topic', 2);
    for (const type of ['NEGATIVE_MESSAGE', 'IMAGE_MODERATION'] as const) {
      template.hasResourceProperties('AWS::SNS::Topic', {
        DisplayName: ALERTS[type].displayName,
        KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsKey'), 'Arn'] },
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Effect: 'Allow',
          }),
        ]),
      },
    });
  });

  it('lets only its own rule publish to each topic, over TLS only', () => {
    for (const type of ['NEGATIVE_MESSAGE', 'IMAGE_MODERATION']) {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [topicRef(type)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${type.replace('_', '')}Rule`), 'Arn'] } } },
            }),
          ]),
        },
      });
    }
  });

  it('subscribes each subscriber to the topics of the alert types it takes, dead-lettering undeliverable alerts', () => {
    const subs = Object.values(template.findResources('AWS::SNS::Subscription')).map(
      (s) => (s as { Properties: { Endpoint: string; Protocol: string; TopicArn: { Ref: string }; RedrivePolicy: unknown } }).Properties,
    );
    const summary = subs
      .map((s) => `${s.Protocol} ${s.Endpoint} -> ${s.TopicArn.Ref.startsWith('AlertsNEGATIVEMESSAGE') ? 'NEGATIVE_MESSAGE' : 'IMAGE_MODERATION'}`)
      .sort();
    expect(summary).toEqual([
      'email support-leads@example.com -> NEGATIVE_MESSAGE',
      'email trust-and-safety@example.com -> IMAGE_MODERATION',
      'https https://hooks.example.com/sma/alerts -> IMAGE_MODERATION',
      'https https://hooks.example.com/sma/alerts -> NEGATIVE_MESSAGE',
    ]);
    for (const s of subs) {
      expect(s.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^AlertsUndelivered/), 'Arn'] } });
    }
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage' })]),
      },
    });
  });

  it('keeps a subscription’s identity when the list is reordered (no re-confirmation e-mails)', () => {
    const ids = (list: AlertSubscription[]) => Object.keys(synth({ subscriptions: list }).template.findResources('AWS::SNS::Subscription')).sort();
    expect(ids([...subscriptions].reverse())).toEqual(ids(subscriptions));
  });

  it('has no subscriber and no address unless configured', () => {
    const bare = synth().template;
    bare.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(JSON.stringify(bare.toJSON())).not.toMatch(/@example\.com|https:\/\/hooks/);
  });
});
