import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { parseDetail } from '@sma/contracts';
import { countPixels, pixelsOf, syntheticPhoto } from '../__testing__/images';
import routing from '../routing/__fixtures__/responder-routing.json';
import { ImageTooLargeError, NoCelebrityImageError, UnsupportedImageError } from '../errors';
import { MAX_SOURCE_BYTES } from '../image/format';
import { respondWithImage, type ImageResponderDeps } from './image-responder';

const s3 = mockClient(S3Client);
const eventBridge = mockClient(EventBridgeClient);
const ANNOTATED = 'sma-annotated-images-123456789012-eu-west-1';
const deps = (): ImageResponderDeps => ({
  s3: new S3Client({}),
  eventBridge: new EventBridgeClient({}),
  annotatedBucket: ANNOTATED,
  now: () => new Date('2022-09-21T12:56:25.100Z'),
});
const caseEvent = (name: string) => routing.cases.find((c) => c.name === name)!.event;
// The two methods of the SDK's streaming body the adapter uses.
const objectBody = (bytes: Buffer) => ({
  Body: {
    transformToByteArray: async () => new Uint8Array(bytes),
    transformToWebStream: () => new Blob([new Uint8Array(bytes)]).stream(),
  } as unknown as GetObjectCommandOutput['Body'],
  ContentLength: bytes.length,
  ContentType: 'image/jpeg',
});
const sentDetail = () =>
  parseDetail('SEND_REPLY', JSON.parse(eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]!.Detail!));

let photo: Buffer;
beforeAll(async () => {
  photo = await syntheticPhoto(1000, 500);
});
beforeEach(() => {
  s3.reset();
  eventBridge.reset();
  s3.on(GetObjectCommand).callsFake(() => objectBody(photo));
  s3.on(PutObjectCommand).resolves({});
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
});

describe('image responder', () => {
  it('annotates the analysed photo, stores it and requests a reply with it', async () => {
    await respondWithImage(caseEvent('tweet with a photo of a recognised celebrity'), deps());
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'analysis-images-123456789012-eu-west-1',
      Key: 'images/TWITTER-1572570427880538999/0.jpg',
    });
    const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({ Bucket: ANNOTATED, Key: 'annotated/TWITTER-1572570427880538999/0.png', ContentType: 'image/png' });
    // Keanu Reeves's box (0.198, 0.136) of a 1000x500 photo is drawn in yellow.
    const drawn = await pixelsOf(put.Body as Buffer);
    const yellow = (r: number, g: number, b: number) => r > 200 && g > 170 && b < 90;
    expect(countPixels(drawn, { x: 198, y: 69, width: 85, height: 2 }, yellow)).toBeGreaterThan(60);

    expect(sentDetail()).toEqual({
      CommandId: 'REPLY-TWITTER-1572570427880538999',
      MessageId: 'TWITTER-1572570427880538999',
      Channel: 'TWITTER',
      Responder: 'IMAGE',
      Text: 'I spotted Keanu Reeves and 1 more face',
      Image: { Bucket: ANNOTATED, Key: 'annotated/TWITTER-1572570427880538999/0.png', ContentType: 'image/png' },
      RequestedAt: '2022-09-21T12:56:25.100Z',
      Twitter: { TweetId: '1572570427880538999', UserId: '1498961531635122999', ScreenName: 'harry11' },
    });
  });

  it('answers with the photo that has the most celebrities', async () => {
    await respondWithImage(caseEvent('two photos, celebrities in both'), deps());
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Key: 'images/TWITTER-1572570427880538999/1.jpg' });
    expect(sentDetail()).toMatchObject({
      Text: 'I spotted Penélope Cruz and Zoë Saldaña',
      Image: { Key: 'annotated/TWITTER-1572570427880538999/1.png' },
    });
  });

  it('writes the same key and asks for the same reply when the event comes again', async () => {
    const event = caseEvent('tweet with a photo of a recognised celebrity');
    await respondWithImage(event, deps());
    await respondWithImage({ ...event, 'replay-name': 'Plumbing-all-replay-1' }, deps());
    const keys = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);
    expect(new Set(keys)).toEqual(new Set(['annotated/TWITTER-1572570427880538999/0.png']));
    const ids = eventBridge.commandCalls(PutEventsCommand).map((c) => JSON.parse(c.args[0].input.Entries![0]!.Detail!).CommandId);
    expect(ids).toEqual(['REPLY-TWITTER-1572570427880538999', 'REPLY-TWITTER-1572570427880538999']);
  });

  it('replies with the caption alone when the analysed photo has expired', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    await respondWithImage(caseEvent('tweet with a photo of a recognised celebrity'), deps());
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    const detail = sentDetail();
    expect(detail.Text).toBe('I spotted Keanu Reeves and 1 more face');
    expect(detail.Image).toBeUndefined();
  });

  it('refuses a photo over the size limit before reading it, and sends nothing', async () => {
    s3.on(GetObjectCommand).callsFake(() => ({ ...objectBody(photo), ContentLength: MAX_SOURCE_BYTES + 1 }));
    await expect(respondWithImage(caseEvent('tweet with a photo of a recognised celebrity'), deps())).rejects.toThrow(ImageTooLargeError);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('refuses an object that is not a JPEG or PNG', async () => {
    s3.on(GetObjectCommand).callsFake(() => objectBody(Buffer.from('GIF89a not really')));
    await expect(respondWithImage(caseEvent('tweet with a photo of a recognised celebrity'), deps())).rejects.toThrow(UnsupportedImageError);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('throws (visible in the dead-letter queue) if routed a message without a celebrity', async () => {
    await expect(respondWithImage(caseEvent('photo with faces but no recognised celebrity'), deps())).rejects.toThrow(
      NoCelebrityImageError,
    );
    expect(s3).not.toHaveReceivedCommand(GetObjectCommand);
  });
});
