import { InvalidEventPatternException, ValidationException } from './errors';

/** A JSON scalar as a leaf of an event: what patterns compare against. */
export type Scalar = string | number | boolean | null;

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** EventBridge's API limit on the `EventPattern` parameter. */
export const MAX_EVENT_PATTERN_LENGTH = 4096;

/**
 * A pattern as the API receives it (JSON text) or as a template holds it (an
 * object). Text that is not JSON is refused the way `PutRule` refuses it.
 */
export function patternInput(pattern: unknown): unknown {
  if (typeof pattern !== 'string') return pattern;
  if (pattern.length > MAX_EVENT_PATTERN_LENGTH) {
    throw new ValidationException(
      `1 validation error detected: Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to ${MAX_EVENT_PATTERN_LENGTH}`,
    );
  }
  try {
    return JSON.parse(pattern) as unknown;
  } catch (cause) {
    throw new InvalidEventPatternException(`${(cause as Error).message}`, { cause });
  }
}

/** An event as `PutEvents`/`TestEventPattern` hold it: a JSON object, or JSON text of one. */
export function eventInput(event: unknown): JsonObject {
  let value = event;
  if (typeof event === 'string') {
    try {
      value = JSON.parse(event) as unknown;
    } catch (cause) {
      throw new ValidationException('Parameter Event is not valid.', { cause });
    }
  }
  if (!isJsonObject(value)) throw new ValidationException('Parameter Event is not valid.');
  return value;
}
