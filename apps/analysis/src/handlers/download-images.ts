import { Tracer } from '@aws-lambda-powertools/tracer';
import { S3Client } from '@aws-sdk/client-s3';
import { s3ImageStore } from '../adapters/image-store';
import { ConfigurationError } from '../errors';
import { DownloadRequestSchema, downloadImages } from '../download/download-images';
import { systemResolver } from '../download/fetch-image';
import { policyFromEnvironment } from '../download/policy';
import { STEPS } from '../workflow/steps';
import { MetricUnit, metrics, parseStepInput, stepHandler } from './observability';

const bucket = process.env['IMAGE_BUCKET'];
if (!bucket) throw new ConfigurationError('IMAGE_BUCKET is not set');
/** Read once per instance: a bad allow-list fails the function's init, loudly, instead of each download. */
const policy = policyFromEnvironment(process.env);
const tracer = new Tracer();
const store = s3ImageStore(tracer.captureAWSv3Client(new S3Client({})), bucket);

/**
 * Downloads a message's images into the analysis bucket under the download
 * policy (README "Image downloads"). Refusals are results, not errors: each
 * comes back with its reason so the workflow records it in `Analysis.Errors`.
 */
export const handler = stepHandler(STEPS.download, async (event: unknown) => {
  const request = parseStepInput(STEPS.download, DownloadRequestSchema, event);
  const result = await downloadImages(request, { policy, resolve: systemResolver, bucket, store });
  metrics.addMetric('ImagesDownloaded', MetricUnit.Count, result.Images.length);
  for (const refused of result.Refused) {
    metrics.singleMetric().addDimension('Reason', refused.Reason).addMetric('ImagesRefused', MetricUnit.Count, 1);
  }
  return result;
});
