import { ConfigurationError } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

/** A variable the stack always sets. */
export function requiredEnv(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(name, 'is not set');
  return value;
}

/** An optional http(s) URL: unset or empty means "not configured". */
export function optionalUrl(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new ConfigurationError(name, `is not a URL: ${(error as Error).message}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigurationError(name, 'must be an http(s) URL');
  return url.toString();
}

/** A positive integer with a default. */
export function positiveIntEnv(env: Env, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigurationError(name, `must be a positive integer, got "${value}"`);
  return n;
}
