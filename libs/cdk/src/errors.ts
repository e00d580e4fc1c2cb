/** Base class of every error raised by `@sma/cdk` while a stack is being built. */
export class CdkConstructError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CdkConstructError';
  }
}

/** A Lambda bundle the stack needs has not been built. */
export class BundleNotFoundError extends CdkConstructError {
  constructor(
    readonly service: string,
    readonly handler: string,
    readonly path: string,
  ) {
    super(`Bundle for ${service}/${handler} not found at ${path}: run \`npx nx build ${service}\` first`);
    this.name = 'BundleNotFoundError';
  }
}
