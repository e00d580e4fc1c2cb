import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../errors';

/** Every price the cost model uses; `prices.json` must have exactly these. */
export const PRICE_KEYS = [
  'lambdaArmGbSecond',
  'lambdaX86GbSecond',
  'lambdaRequest',
  'expressRequest',
  'expressGbSecond',
  'standardTransition',
  'comprehendUnit',
  'comprehendPiiUnit',
  'rekognitionImage',
  'lexTextRequest',
  'eventBridgeEvent',
  'eventBridgeArchiveGb',
  'apiGatewayRestRequest',
  'firehoseIngestedGb',
  'firehosePartitionedGb',
  'firehosePartitionedObject',
  's3Put',
  's3Get',
  'dynamoDbWriteUnit',
  'dynamoDbReadUnit',
  'snsPublish',
  'logsIngestedGb',
  'xrayTrace',
] as const;
export type PriceKey = (typeof PRICE_KEYS)[number];

const PriceSchema = z.strictObject({
  /** US dollars per one unit of `per`. */
  usd: z.number().nonnegative(),
  per: z.string().min(1),
  /** The public page the price comes from. */
  source: z.string().min(1),
  /** What was seen of it on `takenOn`. */
  checked: z.string().min(1),
});
export type Price = z.infer<typeof PriceSchema>;

export const PriceListSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  currency: z.literal('USD'),
  /** The day the prices were taken. */
  takenOn: z.iso.date(),
  note: z.string(),
  prices: z.strictObject(Object.fromEntries(PRICE_KEYS.map((key) => [key, PriceSchema])) as Record<PriceKey, typeof PriceSchema>),
});
export type PriceList = z.infer<typeof PriceListSchema>;

export const PRICES_FILE = join(__dirname, 'prices.json');

/** Reads and validates the price list; `DataFileError` naming every problem. */
export function loadPrices(file: string = PRICES_FILE): PriceList {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFileError(file, [error instanceof Error ? error.message : String(error)], { cause: error });
  }
  const parsed = PriceListSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DataFileError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
