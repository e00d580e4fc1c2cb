/** Base class of every error the bench tooling raises. */
export class BenchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchError';
  }
}

/** Apps whose synthesized templates are missing: the figures would be guesses, so the command stops. */
export class NotSynthesizedError extends BenchError {
  constructor(readonly apps: readonly string[]) {
    super(
      `Not synthesized: ${apps.join(', ')}. Run \`NX_DAEMON=false npx nx run-many -t synth -p ${apps.join(',')}\` first; ` +
        'no figure is derived from a stack that is not there.',
    );
    this.name = 'NotSynthesizedError';
  }
}

/** No Lambda bundle was found where `nx build` writes them. */
export class NotBuiltError extends BenchError {
  constructor(readonly where: string) {
    super(`No Lambda bundle under ${where}. Run \`NX_DAEMON=false npx nx run-many -t build\` first.`);
    this.name = 'NotBuiltError';
  }
}

/** A synthesized template lacks something a figure is derived from, or holds it in an unexpected form. */
export class TemplateShapeError extends BenchError {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateShapeError';
  }
}

/** A data file (prices, assumptions) does not satisfy its schema. */
export class DataFileError extends BenchError {
  constructor(
    readonly file: string,
    readonly issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${file} is invalid: ${issues.join('; ')}`, options);
    this.name = 'DataFileError';
  }
}

/** A measurement child process failed (the bundle threw at init, or the probe could not report). */
export class MeasurementError extends BenchError {
  constructor(
    readonly subject: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${subject}: ${detail}`, options);
    this.name = 'MeasurementError';
  }
}
