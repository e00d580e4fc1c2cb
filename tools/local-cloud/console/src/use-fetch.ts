/** Loads JSON for a view and reloads it when its dependencies change (a live tick, a selection). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from './api';

export interface Fetched<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
}

export function useFetch<T>(path: string | undefined, deps: readonly unknown[] = []): Fetched<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(path !== undefined);
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (path === undefined) {
      setData(undefined);
      setLoading(false);
      return;
    }
    const call = ++latest.current;
    setLoading(true);
    getJson<T>(path).then(
      (d) => {
        if (call !== latest.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (call !== latest.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [path, nonce, ...deps]);
  return { data, error, loading, reload: () => setNonce((n) => n + 1) };
}

/** `value`, passed on at most once per `ms` (the last change always arrives): throttles reloads on busy streams. */
export function useThrottled(value: number, ms: number): number {
  const [out, setOut] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, last.current + ms - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setOut(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return out;
}
