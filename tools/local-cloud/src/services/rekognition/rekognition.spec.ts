import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DetectLabelsCommand, DetectModerationLabelsCommand, DetectTextCommand, RecognizeCelebritiesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { createCanvas } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeTextWorker } from '../../engines/rekognition';
import { s3Service } from '../s3';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { rekognitionService, type RekognitionApi } from './index';

jest.setTimeout(120_000);

const localCloud = join(__dirname, '..', '..', '..');
const probe = readFileSync(join(localCloud, 'eval', 'datasets', 'faces', 'vladimir-mandic-probe-1.jpg'));
let env: TestCloud;
let rekognition: RekognitionClient;

beforeAll(async () => {
  env = await startTestCloud([s3Service, rekognitionService]);
  rekognition = new RekognitionClient(env.client);
  const s3 = new S3Client({ ...env.client, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'analysis-images' }));
  await s3.send(new PutObjectCommand({ Bucket: 'analysis-images', Key: 'images/probe.jpg', Body: probe }));
});
afterAll(async () => {
  await closeTextWorker();
  await env.dispose();
});

describe('Rekognition over the wire', () => {
  it('warms the models up at start and reports the timings', async () => {
    const timings = await (env.cloud.instance('rekognition')!.api as RekognitionApi).warmedUp;
    expect(Object.keys(timings!).sort()).toEqual(['gallery', 'textModel', 'visionModels']);
  });

  it('reads Image.S3Object through the local S3 and recognises the gallery person', async () => {
    const answer = await rekognition.send(new RecognizeCelebritiesCommand({ Image: { S3Object: { Bucket: 'analysis-images', Name: 'images/probe.jpg' } } }));
    expect(answer.CelebrityFaces!.map((c) => c.Name)).toEqual(['Vladimir Mandic']);
  });

  it('answers labels, text and moderation for image bytes', async () => {
    const labels = await rekognition.send(new DetectLabelsCommand({ Image: { Bytes: probe }, MinConfidence: 50 }));
    expect(labels.Labels!.map((l) => l.Name)).toContain('Person');
    const canvas = createCanvas(400, 120);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 400, 120);
    const text = await rekognition.send(new DetectTextCommand({ Image: { Bytes: canvas.toBuffer('image/png') } }));
    expect(text.TextDetections).toEqual([]);
    const moderation = await rekognition.send(new DetectModerationLabelsCommand({ Image: { Bytes: probe } }));
    expect(moderation.ModerationLabels).toEqual([]);
  });

  it('answers AWS errors for bad images and missing objects', async () => {
    await expect(rekognition.send(new DetectLabelsCommand({ Image: { Bytes: new TextEncoder().encode('GIF89a....') } }))).rejects.toMatchObject({
      name: 'InvalidImageFormatException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(rekognition.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'analysis-images', Name: 'missing.jpg' } } }))).rejects.toMatchObject({
      name: 'InvalidS3ObjectException',
    });
  });
});
