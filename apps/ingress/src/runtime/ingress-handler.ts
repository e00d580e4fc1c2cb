import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { IdempotentPublisher } from '../adapters/publisher';
import { publishUnits } from '../delivery/units';
import { toIngressRequest } from '../http/request';
import { errorAnswer, jsonResponse } from '../http/response';
import type { Route } from '../routes/route';

export interface IngressHandlerDependencies<S> {
  readonly loadSecret: () => Promise<S>;
  readonly route: Route<S>;
  readonly publisher: Pick<IdempotentPublisher, 'publish' | 'registerLambdaContext'>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** @default Date.now */
  readonly now?: () => number;
}

export type IngressHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The Lambda entry point every channel shares: normalise the request, read the
 * channel secret, let the channel's pure route verify and map it, publish the
 * result exactly once, and answer. Every failure becomes its HTTP status (see
 * `errorAnswer`); nothing is acknowledged with 2xx unless it was published or
 * had been published before.
 */
export function createIngressHandler<S>(deps: IngressHandlerDependencies<S>): IngressHandler {
  const { logger, metrics } = deps;

  const handle = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const request = toIngressRequest(event, deps.now);
    const outcome = deps.route(request, await deps.loadSecret());
    if (outcome.kind === 'respond') {
      logger[outcome.level ?? 'info']('Answered without publishing', { status: outcome.status, ...outcome.log });
      metrics.addMetric('DirectAnswers', MetricUnit.Count, 1);
      return jsonResponse(outcome.status, outcome.body);
    }
    const { delivery } = outcome;
    const report = await deps.publisher.publish(publishUnits(delivery, outcome.fingerprint ?? null));
    if (delivery.unknownKinds.length > 0) {
      logger.warn('Unknown activity kinds published as TWITTER_UNKNOWN', { unknownKinds: delivery.unknownKinds });
    }
    logger.info('Delivery accepted', {
      ...outcome.log,
      rawEvents: delivery.raw.map((e) => e.detail.EventId),
      messages: delivery.messages.map((m) => m.MessageId),
      skipped: delivery.skipped,
      ...report,
    });
    metrics.addMetric('DeliveriesAccepted', MetricUnit.Count, 1);
    metrics.addMetric('EventsPublished', MetricUnit.Count, report.events);
    metrics.addMetric('DuplicateUnits', MetricUnit.Count, report.duplicates);
    return jsonResponse(200, { accepted: true, published: report.published, duplicates: report.duplicates });
  };

  return async (event, context) => {
    logger.addContext(context);
    deps.publisher.registerLambdaContext(context);
    try {
      return await handle(event);
    } catch (error) {
      const answer = errorAnswer(error);
      logger[answer.level]('Delivery refused', { status: answer.status, requestId: event.requestContext?.requestId, error });
      metrics.addMetric(answer.status >= 500 ? 'DeliveryErrors' : 'DeliveriesRefused', MetricUnit.Count, 1);
      if (answer.status === 401) metrics.addMetric('AuthenticationFailures', MetricUnit.Count, 1);
      return jsonResponse(answer.status, { message: answer.message }, answer.headers);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
