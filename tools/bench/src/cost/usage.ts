import { PRICE_KEYS, type PriceKey, type PriceList } from './prices';

/**
 * What one message uses of every billed quantity, in the unit of its price
 * (`prices.json` `per`): GB-seconds, requests, units, GB… Fractions are
 * expected values (a 5% negative rate makes 0.05 alerts per message).
 */
export type Usage = Readonly<Partial<Record<PriceKey, number>>>;

export function addUsage(...usages: readonly Usage[]): Usage {
  const total: Partial<Record<PriceKey, number>> = {};
  for (const usage of usages) {
    for (const key of PRICE_KEYS) {
      const value = usage[key];
      if (value !== undefined) total[key] = (total[key] ?? 0) + value;
    }
  }
  return total;
}

export function scaleUsage(usage: Usage, factor: number): Usage {
  return Object.fromEntries(Object.entries(usage).map(([key, value]) => [key, value * factor]));
}

/** A mixture of variants (e.g. 5% negative messages): the expected usage. */
export function expectedUsage(variants: ReadonlyArray<{ readonly weight: number; readonly usage: Usage }>): Usage {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  return addUsage(...variants.map((v) => scaleUsage(v.usage, v.weight / total)));
}

/** Which service each price belongs to, for the report's lines. */
export const SERVICE_OF: Readonly<Record<PriceKey, string>> = {
  lambdaArmGbSecond: 'Lambda',
  lambdaX86GbSecond: 'Lambda',
  lambdaRequest: 'Lambda',
  expressRequest: 'Step Functions',
  expressGbSecond: 'Step Functions',
  standardTransition: 'Step Functions',
  comprehendUnit: 'Comprehend',
  comprehendPiiUnit: 'Comprehend',
  rekognitionImage: 'Rekognition',
  lexTextRequest: 'Lex',
  eventBridgeEvent: 'EventBridge',
  eventBridgeArchiveGb: 'EventBridge',
  apiGatewayRestRequest: 'API Gateway',
  firehoseIngestedGb: 'Firehose',
  firehosePartitionedGb: 'Firehose',
  firehosePartitionedObject: 'Firehose',
  s3Put: 'S3',
  s3Get: 'S3',
  dynamoDbWriteUnit: 'DynamoDB',
  dynamoDbReadUnit: 'DynamoDB',
  snsPublish: 'SNS',
  logsIngestedGb: 'CloudWatch Logs',
  xrayTrace: 'X-Ray',
};

export interface CostLine {
  readonly key: PriceKey;
  readonly quantity: number;
  readonly usd: number;
}

/** Each used quantity priced: quantity × list price. */
export function costLines(usage: Usage, prices: PriceList): CostLine[] {
  return PRICE_KEYS.filter((key) => (usage[key] ?? 0) > 0).map((key) => ({
    key,
    quantity: usage[key]!,
    usd: usage[key]! * prices.prices[key].usd,
  }));
}

/** Dollars per service for a number of messages (a million, in the report). */
export function costByService(usage: Usage, prices: PriceList, messages: number): Map<string, number> {
  const byService = new Map<string, number>();
  for (const line of costLines(usage, prices)) {
    const service = SERVICE_OF[line.key];
    byService.set(service, (byService.get(service) ?? 0) + line.usd * messages);
  }
  return byService;
}

export const totalCost = (usage: Usage, prices: PriceList, messages: number): number =>
  costLines(usage, prices).reduce((sum, line) => sum + line.usd, 0) * messages;
