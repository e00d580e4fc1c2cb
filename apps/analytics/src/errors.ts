/** Base class of every error the analytics service raises. */
export class AnalyticsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnalyticsError';
  }
}

/** The service's configuration (cdk.json context or stack props) is invalid. */
export class AnalyticsConfigurationError extends AnalyticsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnalyticsConfigurationError';
  }
}

/** PII offsets that do not fit the text they claim to describe. */
export class InvalidPiiSpanError extends AnalyticsError {
  constructor(
    readonly span: { readonly Type: string; readonly BeginOffset: number; readonly EndOffset: number },
    readonly textLength: number,
  ) {
    super(`PII span ${span.Type} [${span.BeginOffset}, ${span.EndOffset}) does not fit a text of ${textLength} code points`);
    this.name = 'InvalidPiiSpanError';
  }
}

/** A part of a JSON Schema that has no Hive column type (the Glue table cannot be derived from it). */
export class UnsupportedSchemaError extends AnalyticsError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Cannot derive a Hive type at ${path}: ${reason}`);
    this.name = 'UnsupportedSchemaError';
  }
}

/** A Hive type string that does not parse. */
export class HiveTypeSyntaxError extends AnalyticsError {
  constructor(
    readonly type: string,
    readonly position: number,
    reason: string,
  ) {
    super(`Invalid Hive type at ${position}: ${reason} in ${type.slice(0, 120)}`);
    this.name = 'HiveTypeSyntaxError';
  }
}
