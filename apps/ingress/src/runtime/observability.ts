import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Channel } from '@sma/contracts';

/** Powertools Logger, Metrics and Tracer of one channel's handler (service name and namespace from the environment). */
export function observability(channel: Channel): { logger: Logger; metrics: Metrics; tracer: Tracer } {
  return {
    logger: new Logger({ persistentKeys: { channel } }),
    metrics: new Metrics({ defaultDimensions: { Channel: channel } }),
    tracer: new Tracer(),
  };
}
