import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { parseBusEvent, putEvents, type SendReply } from '@sma/contracts';
import { readImage, writeImage } from '../adapters/images';
import { requiredEnv } from '../config';
import { NoCelebrityImageError, UnsupportedImageError } from '../errors';
import { captionFor, faceMarks, imageToAnnotate } from '../image/faces';
import { MAX_SOURCE_BYTES, annotatedKeyFor, sniffImageType } from '../image/format';
import { annotate } from '../image/render';
import { logger, metrics, observed, tracer } from '../observability';
import { replyCommand } from '../replies/command';

export interface ImageResponderDeps {
  readonly s3: S3Client;
  readonly eventBridge: EventBridgeClient;
  /** Where annotated images go (egress reads them from there). */
  readonly annotatedBucket: string;
  readonly now: () => Date;
}

/**
 * Answers a message whose photo shows a recognised celebrity: draws a box at
 * every face and the celebrity's name at theirs, stores the result in the
 * annotated-images bucket, and emits a `SEND_REPLY` with the image and a
 * caption ("I spotted Keanu Reeves and 1 more face"). If the analysed image
 * has already expired, the reply is the caption alone.
 */
export async function respondWithImage(event: unknown, deps: ImageResponderDeps): Promise<SendReply> {
  const { detail: message } = parseBusEvent(event, ['MESSAGE_ANALYSED']);
  const chosen = imageToAnnotate(message);
  if (!chosen) throw new NoCelebrityImageError(message.MessageId);
  const { image: analysed, index } = chosen;

  let attachment: SendReply['Image'];
  const source = await readImage(deps.s3, { bucket: analysed.Bucket, key: analysed.Key }, MAX_SOURCE_BYTES);
  if (source) {
    if (!sniffImageType(source)) throw new UnsupportedImageError(analysed.Key, 'it is neither a JPEG nor a PNG');
    const annotated = await annotate(source, analysed.Key, (size) => faceMarks(analysed, size));
    const key = annotatedKeyFor(message.MessageId, index, annotated.contentType);
    await writeImage(deps.s3, { bucket: deps.annotatedBucket, key }, annotated.bytes, annotated.contentType);
    attachment = { Bucket: deps.annotatedBucket, Key: key, ContentType: annotated.contentType };
    metrics.addMetric('ImagesAnnotated', MetricUnit.Count, 1);
  } else {
    logger.warn('Analysed image is gone, replying with the caption only', { key: analysed.Key });
    metrics.addMetric('SourceImageMissing', MetricUnit.Count, 1);
  }

  const command = replyCommand(message, { responder: 'IMAGE', text: captionFor(analysed), ...(attachment ? { image: attachment } : {}) }, deps.now());
  await putEvents(deps.eventBridge, [{ detailType: 'SEND_REPLY', detail: command }]);
  logger.info('Reply requested', { messageId: message.MessageId, commandId: command.CommandId, image: attachment?.Key });
  return command;
}

const s3 = tracer.captureAWSv3Client(new S3Client({}));
const eventBridge = tracer.captureAWSv3Client(new EventBridgeClient({}));

export const handler = async (event: unknown, context: Context): Promise<void> =>
  observed(context, async () => {
    const annotatedBucket = requiredEnv(process.env, 'ANNOTATED_IMAGES_BUCKET');
    await respondWithImage(event, { s3, eventBridge, annotatedBucket, now: () => new Date() });
  });
