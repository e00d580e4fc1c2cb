/**
 * How each service counts what it bills: pure functions of sizes and
 * durations, each with the rule it implements.
 */

export const KIB = 1024;
export const GIB = 1024 ** 3;

/** Comprehend: units of 100 characters, at least 3 units per request. */
export const comprehendUnits = (characters: number): number => Math.max(3, Math.ceil(characters / 100));

/** EventBridge and SNS bill each 64 KB chunk of a payload as one event / request. */
export const chunksOf64Kib = (bytes: number): number => Math.max(1, Math.ceil(bytes / (64 * KIB)));

/** Firehose ingestion: every record rounded up to the next 5 KB. */
export const firehoseBilledBytes = (recordBytes: number): number => Math.ceil(recordBytes / (5 * KIB)) * 5 * KIB;

/** Lambda: memory in GB × duration billed in 1 ms steps. */
export const lambdaGbSeconds = (memoryMb: number, durationMs: number): number => (memoryMb / 1024) * (Math.ceil(durationMs) / 1000);

/** Express workflows: duration rounded up to 100 ms, memory in 64 MB chunks (at least one). */
export function expressGbSeconds(durationMs: number, memoryMb: number): number {
  const seconds = Math.ceil(durationMs / 100) / 10;
  const chunks = Math.max(1, Math.ceil(memoryMb / 64));
  return seconds * ((chunks * 64) / 1024);
}

/** DynamoDB on-demand: one write request unit per started KB of the item. */
export const writeUnits = (itemBytes: number): number => Math.max(1, Math.ceil(itemBytes / KIB));

/** Bytes as GB (GiB, as AWS bills data volumes). */
export const gigabytes = (bytes: number): number => bytes / GIB;
