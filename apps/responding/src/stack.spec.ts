import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthWithNag } from '@sma/cdk/testing';
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { BOT_DEFINITION } from './bot/definition';
import routing from './routing/__fixtures__/responder-routing.json';
import { RespondingStack, type RespondingStackProps } from './stack';

type Resource = { Properties: Record<string, unknown>; DependsOn?: string[] };
const synth = (props: RespondingStackProps = {}) => synthWithNag((app) => new RespondingStack(app, 'Responding', props));
const one = (template: Template, type: string): Resource => {
  const found = Object.values(template.findResources(type)) as Resource[];
  expect(found).toHaveLength(1);
  return found[0]!;
};
const logicalIdOf = (template: Template, type: string, handler: string): string =>
  Object.entries(template.findResources(type)).find(([, r]) => (r as Resource).Properties['Handler'] === handler)![0];

describe('RespondingStack', () => {
  const { template, findings } = synth();
  const fnId = (handler: string) => logicalIdOf(template, 'AWS::Lambda::Function', `${handler}.handler`);

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(findings).toEqual([]);
  });

  describe('Lex bot', () => {
    const bot = one(template, 'AWS::Lex::Bot').Properties as {
      BotLocales: Array<{
        LocaleId: string;
        NluConfidenceThreshold: number;
        Intents: Array<{ Name: string; SampleUtterances?: Array<{ Utterance: string }>; ParentIntentSignature?: string; FulfillmentCodeHook: { Enabled: boolean } }>;
      }>;
      AutoBuildBotLocales: boolean;
      IdleSessionTTLInSeconds: number;
      DataPrivacy: unknown;
    };

    it('has one locale per locale of the definition, with its confidence threshold, built on deploy', () => {
      expect(bot.BotLocales.map((l) => [l.LocaleId, l.NluConfidenceThreshold])).toEqual(
        BOT_DEFINITION.locales.map((l) => [l.localeId, l.nluConfidenceThreshold]),
      );
      expect(bot.AutoBuildBotLocales).toBe(true);
      expect(bot.IdleSessionTTLInSeconds).toBe(BOT_DEFINITION.idleSessionTtlSeconds);
      expect(bot.DataPrivacy).toEqual({ ChildDirected: false });
    });

    it('takes every intent and sample utterance from the shared definition, fulfilled by the code hook', () => {
      for (const locale of bot.BotLocales) {
        expect(
          locale.Intents.map((i) => ({ name: i.Name, utterances: (i.SampleUtterances ?? []).map((u) => u.Utterance) })),
        ).toEqual(BOT_DEFINITION.intents.map((i) => ({ name: i.name, utterances: [...i.sampleUtterances] })));
        for (const intent of locale.Intents) expect(intent.FulfillmentCodeHook).toEqual({ Enabled: true });
        expect(locale.Intents.find((i) => i.Name === 'FallbackIntent')?.ParentIntentSignature).toBe('AMAZON.FallbackIntent');
      }
    });

    it('serves a version of the bot through an alias that calls the fulfilment Lambda in every locale', () => {
      template.resourceCountIs('AWS::Lex::BotVersion', 1);
      template.hasResourceProperties('AWS::Lex::BotVersion', {
        BotVersionLocaleSpecification: BOT_DEFINITION.locales.map((l) => ({
          LocaleId: l.localeId,
          BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' },
        })),
      });
      template.hasResourceProperties('AWS::Lex::BotAlias', {
        BotVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BotVersion'), 'BotVersion'] },
        BotAliasLocaleSettings: BOT_DEFINITION.locales.map((l) => ({
          LocaleId: l.localeId,
          BotAliasLocaleSetting: {
            Enabled: true,
            CodeHookSpecification: {
              LambdaCodeHook: { CodeHookInterfaceVersion: '1.0', LambdaArn: { 'Fn::GetAtt': [fnId('fulfilment'), 'Arn'] } },
            },
          },
        })),
      });
    });

    it('lets only its alias invoke the fulfilment Lambda', () => {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'lexv2.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [fnId('fulfilment'), 'Arn'] },
        SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BotAlias'), 'Arn'] },
      });
    });

    it('makes a new version when the definition changes, so the alias never serves a stale bot', () => {
      const versionId = (t: Template) => Object.keys(t.findResources('AWS::Lex::BotVersion'))[0];
      const changed = synth({ bot: { ...BOT_DEFINITION, idleSessionTtlSeconds: 600 } }).template;
      expect(versionId(changed)).not.toBe(versionId(template));
    });
  });

  describe('text responder', () => {
    it('talks to the bot through its alias, in the configured locale', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'text-responder.handler',
        Environment: {
          Variables: Match.objectLike({
            BOT_ID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bot[0-9A-F]{8}$'), 'Id'] },
            BOT_ALIAS_ID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BotAlias'), 'BotAliasId'] },
            BOT_LOCALE_ID: 'en_GB',
            DEFAULT_UTTERANCE: 'Tell me a fact',
          }),
        },
      });
      synth({ replyLocale: 'en_US' }).template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'text-responder.handler',
        Environment: { Variables: Match.objectLike({ BOT_LOCALE_ID: 'en_US' }) },
      });
    });

    it('may call RecognizeText on the alias only', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Effect: 'Allow', Action: 'lex:RecognizeText', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BotAlias'), 'Arn'] } },
          ]),
        },
      });
    });
  });

  describe('fulfilment', () => {
    it('uses the corpus only unless an API is configured', () => {
      const vars = (t: Template) =>
        (Object.values(t.findResources('AWS::Lambda::Function')).find((f) => (f as Resource).Properties['Handler'] === 'fulfilment.handler') as Resource)
          .Properties['Environment'] as { Variables: Record<string, unknown> };
      expect(vars(template).Variables['JOKE_API_URL']).toBeUndefined();
      expect(vars(synth({ jokeApiUrl: 'https://icanhazdadjoke.com/' }).template).Variables['JOKE_API_URL']).toBe('https://icanhazdadjoke.com/');
    });
  });

  describe('image responder', () => {
    it('ships its own asset with the native module and the font, with room to decode photos', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'image-responder.handler',
        Architectures: ['arm64'],
        MemorySize: 1536,
        Timeout: 30,
        Environment: {
          Variables: Match.objectLike({ ANNOTATED_IMAGES_BUCKET: { Ref: Match.stringLikeRegexp('^AnnotatedImagesSharedBucket') } }),
        },
      });
    });

    it('creates the annotated-images bucket egress reads: shared name, SSE-S3, private, TLS only, one day', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketName: { 'Fn::Join': ['', ['sma-annotated-images-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 1, Status: 'Enabled' })] },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('reads analysis images and writes annotated ones, nothing more', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: { 'Fn::Join': ['', Match.arrayWith([':s3:::sma-analysis-images-'])] },
            },
            {
              Effect: 'Allow',
              Action: 's3:PutObject',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^AnnotatedImagesSharedBucket'), 'Arn'] }, '/annotated/*']] },
            },
          ]),
        },
      });
    });
  });

  describe('routing', () => {
    it('has the two complementary rules of the shared routing fixture on the Plumbing bus', () => {
      const rules = Object.values(template.findResources('AWS::Events::Rule')) as Resource[];
      expect(rules).toHaveLength(2);
      expect(rules.map((r) => r.Properties['EventBusName'])).toEqual([PLUMBING_BUS_NAME, PLUMBING_BUS_NAME]);
      const patterns = rules.map((r) => r.Properties['EventPattern']);
      expect(patterns).toEqual(expect.arrayContaining([routing.rules.image, routing.rules.text]));
    });

    it.each([
      ['image', 'image-responder'],
      ['text', 'text-responder'],
    ] as const)('sends the %s rule to the %s with retries and a dead-letter queue', (rule, handler) => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: routing.rules[rule],
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [fnId(handler), 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
          }),
        ],
      });
    });

    it('dead-letters what the responders throw too (Lambda retries twice, then the rule queue)', () => {
      for (const handler of ['image-responder', 'text-responder']) {
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: fnId(handler) },
          MaximumRetryAttempts: 2,
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } },
        });
      }
      template.resourceCountIs('AWS::SQS::Queue', 2);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    });

    it('lets both responders publish SEND_REPLY as RESPONDING, and nothing else', () => {
      const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
        (p) => ((p as Resource).Properties['PolicyDocument'] as { Statement: Array<{ Action: unknown; Condition?: unknown }> }).Statement,
      );
      const publish = statements.filter((s) => s.Action === 'events:PutEvents');
      expect(publish).toHaveLength(2);
      for (const s of publish) {
        expect(s.Condition).toEqual({
          'ForAllValues:StringEquals': { 'events:source': ['RESPONDING'], 'events:detail-type': ['SEND_REPLY'] },
        });
      }
    });
  });
});
