/** Base class of every error the alerting service raises (all at synth time: it runs no code of its own). */
export class AlertingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AlertingError';
  }
}

/** The service's configuration (cdk.json context or `-c` options) is missing, malformed or contradictory. */
export class AlertingConfigurationError extends AlertingError {
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(issues.length > 0 ? `${message}: ${issues.join('; ')}` : message, options);
    this.name = 'AlertingConfigurationError';
  }
}

/** An alert's message template would not survive EventBridge's input transformer as written. */
export class AlertTemplateError extends AlertingError {
  constructor(
    readonly template: string,
    reason: string,
  ) {
    super(`Alert template ${JSON.stringify(template.slice(0, 80))} is invalid: ${reason}`);
    this.name = 'AlertTemplateError';
  }
}
