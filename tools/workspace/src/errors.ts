/** Base class of every error raised by the workspace tooling. */
export class WorkspaceToolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkspaceToolError';
  }
}

/** The service generator was given options it cannot honour. */
export class InvalidServiceOptionsError extends WorkspaceToolError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidServiceOptionsError';
  }
}

/** A command run by a workspace script failed. */
export class CommandFailedError extends WorkspaceToolError {
  constructor(
    readonly command: string,
    readonly status: number | null,
    readonly output: string,
  ) {
    super(`\`${command}\` exited with ${status}:\n${output.slice(-4000)}`);
    this.name = 'CommandFailedError';
  }
}
