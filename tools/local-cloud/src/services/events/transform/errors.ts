import { EventBridgeError, ValidationException } from '../pattern/errors';

export { EventBridgeError, ValidationException };

/**
 * The input a target setting produced for one event is not what the target can
 * take: a JSON template whose output is not JSON (an object or array in quotes,
 * a quote or newline in a string value placed inside quotes; EventBridge does not
 * escape what it inserts there). EventBridge fails the delivery, so the rule's
 * retry policy and dead-letter queue apply; nothing is wrong with the API call.
 */
export class InvalidTargetInputError extends EventBridgeError {
  constructor(
    readonly input: string,
    options?: { cause?: unknown },
  ) {
    super(`The transformed input is not valid JSON: ${input.length > 200 ? `${input.slice(0, 200)}…` : input}`, options);
    this.name = 'InvalidTargetInputError';
  }
}
