/** The local console (`/_console`): live events, messages, executions, alerts, analytics, replay, compose. */
export { consoleComponent, type ConsoleComponent } from './component';
export { ConsoleServer, CONSOLE_PREFIX, type ConsoleOptions } from './server';
export type * from './api-types';
export { ConsoleError, BadRequestError, NotFoundError, UnavailableError, UpstreamError } from './errors';
