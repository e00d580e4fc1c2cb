/** Hash routes (`#/messages/TWITTER-1`): the page works from any URL under /_console with no server routing. */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  readonly view: string;
  readonly id?: string;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const view = parts[0] || 'events';
  const rest = parts.slice(1).join('/');
  return rest ? { view, id: decodeURIComponent(rest) } : { view };
}

export const href = (view: string, id?: string) => `#/${view}${id !== undefined ? `/${encodeURIComponent(id)}` : ''}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(view: string, id?: string): void {
  location.hash = href(view, id);
}
