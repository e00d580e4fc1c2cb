/**
 * The console as a local-cloud component: `/_console` is its only route; the server
 * behind it starts with the component (after every service has started).
 */
import type { Component } from '../core/runtime';
import { jsonResponse } from '../core/http/types';
import { CONSOLE_PREFIX, ConsoleServer, type ConsoleOptions } from './server';

export interface ConsoleComponent extends Component {
  /** The running server (tests read its bundle and read models). */
  readonly server: ConsoleServer | undefined;
}

export function consoleComponent(options: ConsoleOptions = {}): ConsoleComponent {
  let server: ConsoleServer | undefined;
  return {
    name: 'console',
    get server() {
      return server;
    },
    routes: {
      [CONSOLE_PREFIX]: async (req) =>
        server ? server.handle(req) : jsonResponse(503, { error: 'Unavailable', message: 'The console is starting' }, { 'retry-after': '1' }),
    },
    async start(cloud) {
      server = await ConsoleServer.start(cloud, options);
    },
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}
