import { join } from 'node:path';
import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { BusRule, HandlerFunction, distDirOf, grantPublish, grantReadSharedBucket } from '@sma/cdk';
import { BOT_DEFINITION, type BotDefinition, type BotLocaleId } from './bot/definition';
import { AnnotatedImagesBucket } from './constructs/annotated-images-bucket';
import { LexBot } from './constructs/lex-bot';
import { DEFAULT_UTTERANCE } from './text/utterance';
import { RESPONDER_PATTERNS } from './routing/patterns';

/** Where `nx build responding` puts the image responder's own asset (bundle, native module, font). */
export const IMAGE_RESPONDER_ASSET_DIR = join(distDirOf('responding'), 'image-responder');

export interface RespondingStackProps extends StackProps {
  /** The bot to build. @default BOT_DEFINITION */
  readonly bot?: BotDefinition;
  /** The bot locale the text responder talks to. @default 'en_GB' */
  readonly replyLocale?: BotLocaleId;
  /** What the bot hears when a message is empty once mentions and links are gone. @default DEFAULT_UTTERANCE */
  readonly defaultUtterance?: string;
  /** A public joke API the code hook tries first (700 ms budget). @default none: the bundled corpus only */
  readonly jokeApiUrl?: string;
  /** A public fact API the code hook tries first (700 ms budget). @default none: the bundled corpus only */
  readonly factApiUrl?: string;
  /** The folder holding the image responder's asset. @default IMAGE_RESPONDER_ASSET_DIR */
  readonly imageResponderAssetDir?: string;
}

/**
 * Answers every analysed message once: photos with a recognised celebrity get
 * an annotated copy of the photo, everything else gets the Lex bot's joke or
 * fact. Both emit `SEND_REPLY` for egress.
 */
export class RespondingStack extends Stack {
  readonly bot: LexBot;
  readonly annotatedImages: AnnotatedImagesBucket;

  constructor(scope: Construct, id: string, props: RespondingStackProps = {}) {
    super(scope, id, { description: 'Serverless Message Analyser: Lex bot and image annotator answering analysed messages', ...props });
    const locale = props.replyLocale ?? 'en_GB';

    const fulfilment = new HandlerFunction(this, 'Fulfilment', {
      service: 'responding',
      handler: 'fulfilment',
      description: 'Lex code hook: a joke or a fact from the corpus (or a configured API)',
      timeout: Duration.seconds(3),
      environment: {
        ...(props.jokeApiUrl ? { JOKE_API_URL: props.jokeApiUrl } : {}),
        ...(props.factApiUrl ? { FACT_API_URL: props.factApiUrl } : {}),
      },
    });
    this.bot = new LexBot(this, 'Bot', { definition: props.bot ?? BOT_DEFINITION, fulfilment: fulfilment.function });

    const textResponder = new HandlerFunction(this, 'TextResponder', {
      service: 'responding',
      handler: 'text-responder',
      description: 'Asks the Lex bot for an answer to a message and requests the reply',
      environment: {
        BOT_ID: this.bot.bot.attrId,
        BOT_ALIAS_ID: this.bot.alias.attrBotAliasId,
        BOT_LOCALE_ID: locale,
        DEFAULT_UTTERANCE: props.defaultUtterance ?? DEFAULT_UTTERANCE,
      },
    });
    this.bot.grantRecognizeText(textResponder.role);
    grantPublish(this, textResponder.role, ['SEND_REPLY']);

    this.annotatedImages = new AnnotatedImagesBucket(this, 'AnnotatedImages');
    const imageResponder = new HandlerFunction(this, 'ImageResponder', {
      service: 'responding',
      handler: 'image-responder',
      description: 'Draws celebrity names on a photo and requests the reply with it',
      bundleDir: props.imageResponderAssetDir ?? IMAGE_RESPONDER_ASSET_DIR,
      extraAssetPaths: ['fonts', 'node_modules'],
      // Decoding a 12-megapixel photo takes ~50 MB per copy; more memory is also more CPU.
      memorySize: 1536,
      timeout: Duration.seconds(30),
      environment: { ANNOTATED_IMAGES_BUCKET: this.annotatedImages.bucket.bucketName },
    });
    grantReadSharedBucket(this, imageResponder.role, 'analysisImages');
    Validations.of(imageResponder.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::sma-analysis-images-<AWS::AccountId>-<AWS::Region>/*]',
      reason: 'Analysis stores each message image under its own key; the grant is GetObject only, on that one bucket.',
    });
    this.annotatedImages.grantWriteAnnotated(imageResponder.role);
    grantPublish(this, imageResponder.role, ['SEND_REPLY']);

    const imageRule = new BusRule(this, 'CelebrityPhotos', {
      description: 'Analysed messages with a recognised celebrity in a photo, for the image responder',
      detailTypes: ['MESSAGE_ANALYSED'],
      detail: RESPONDER_PATTERNS.image,
      target: (delivery) => new targets.LambdaFunction(imageResponder.function, delivery),
    });
    imageRule.catchFunctionErrors(imageResponder.function);
    const textRule = new BusRule(this, 'OtherMessages', {
      description: 'Analysed messages without a recognised celebrity, for the Lex text responder',
      detailTypes: ['MESSAGE_ANALYSED'],
      detail: RESPONDER_PATTERNS.text,
      target: (delivery) => new targets.LambdaFunction(textResponder.function, delivery),
    });
    textRule.catchFunctionErrors(textResponder.function);
  }
}
