/**
 * The local cloud's own log: one line per record on stderr, human-readable,
 * prefixed by the component. Lambda output does not come here: it goes to the
 * function's CloudWatch log group.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  child(component: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: { level?: LogLevel; component?: string; write?: (line: string) => void } = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const make = (component: string): Logger => {
    const log = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
      if (ORDER[level] < min) return;
      const extra = data && Object.keys(data).length > 0 ? ` ${JSON.stringify(data, errorReplacer)}` : '';
      write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${component}] ${message}${extra}`);
    };
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (sub: string) => make(component ? `${component}/${sub}` : sub),
    };
  };
  return make(options.component ?? 'local-cloud');
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
