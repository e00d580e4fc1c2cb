import { createHash } from 'node:crypto';
import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lex from 'aws-cdk-lib/aws-lex';
import { Construct } from 'constructs';
import type { BotDefinition, IntentDefinition } from '../bot/definition';

export interface LexBotProps {
  /** The bot as plain data (`BOT_DEFINITION`). */
  readonly definition: BotDefinition;
  /** The Lambda that fulfils every intent (Lex V2 code hook), in every locale. */
  readonly fulfilment: lambda.IFunction;
  /** @default 'live' */
  readonly aliasName?: string;
}

/** Lex V2 writes sample utterances as objects; intents are fulfilled by the alias's code hook. */
function intentProperty(intent: IntentDefinition): lex.CfnBot.IntentProperty {
  return {
    name: intent.name,
    description: intent.description,
    ...(intent.parentIntentSignature ? { parentIntentSignature: intent.parentIntentSignature } : {}),
    ...(intent.sampleUtterances.length > 0
      ? { sampleUtterances: intent.sampleUtterances.map((utterance) => ({ utterance })) }
      : {}),
    fulfillmentCodeHook: { enabled: true },
  };
}

/**
 * A Lex V2 bot built from its definition: the bot (draft, built on deploy), a
 * numbered version of it and an alias that serves that version and calls the
 * fulfilment Lambda in every locale.
 *
 * Everything the bot understands is in the one `AWS::Lex::Bot` resource, so the
 * local cloud can train its stand-in NLU from the synthesized template alone.
 */
export class LexBot extends Construct {
  readonly bot: lex.CfnBot;
  readonly version: lex.CfnBotVersion;
  readonly alias: lex.CfnBotAlias;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: LexBotProps) {
    super(scope, id);
    const { definition } = props;

    // Lex assumes this role at runtime. A text-only bot with a Lambda code hook needs
    // no permissions: Lex invokes the hook through the function's resource policy, and
    // Polly (speech) and Comprehend (sentiment) are not used.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Runtime role of the ${definition.name} Lex bot`,
    });

    this.bot = new lex.CfnBot(this, 'Bot', {
      name: `${definition.name}-${Stack.of(this).stackName}`.slice(0, 100),
      description: definition.description,
      roleArn: this.role.roleArn,
      dataPrivacy: { ChildDirected: false },
      idleSessionTtlInSeconds: definition.idleSessionTtlSeconds,
      autoBuildBotLocales: true,
      botLocales: definition.locales.map((locale) => ({
        localeId: locale.localeId,
        description: locale.description,
        nluConfidenceThreshold: locale.nluConfidenceThreshold,
        intents: definition.intents.map(intentProperty),
      })),
    });

    // A version is immutable and CloudFormation only makes a new one when the resource
    // is replaced: naming it after the definition's hash makes every change to the
    // definition a new version, which the alias then moves to.
    const digest = createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 8);
    this.version = new lex.CfnBotVersion(this, `Version${digest}`, {
      botId: this.bot.attrId,
      description: `${definition.name} ${digest}`,
      botVersionLocaleSpecification: definition.locales.map((locale) => ({
        localeId: locale.localeId,
        botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' },
      })),
    });

    this.alias = new lex.CfnBotAlias(this, 'Alias', {
      botId: this.bot.attrId,
      botAliasName: props.aliasName ?? 'live',
      botVersion: this.version.attrBotVersion,
      description: 'The version the responders talk to',
      sentimentAnalysisSettings: { DetectSentiment: false },
      botAliasLocaleSettings: definition.locales.map((locale) => ({
        localeId: locale.localeId,
        botAliasLocaleSetting: {
          enabled: true,
          codeHookSpecification: {
            lambdaCodeHook: { codeHookInterfaceVersion: '1.0', lambdaArn: props.fulfilment.functionArn },
          },
        },
      })),
    });

    // Only this alias may invoke the fulfilment function.
    props.fulfilment.addPermission('InvokedByLexAlias', {
      principal: new iam.ServicePrincipal('lexv2.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceArn: this.alias.attrArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });
  }

  /** Lets `grantee` talk to the bot through its alias (`RecognizeText`) and nothing else. */
  grantRecognizeText(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['lex:RecognizeText'],
      resourceArns: [this.alias.attrArn],
    }).assertSuccess();
  }
}
