/** The console's frame: navigation with live counts, the connection state, and the chosen view. */
import type { OverviewView } from '../../src/console/api-types';
import { isFailed } from '../../src/console/feed/filter';
import { useLive } from './live';
import { href, useRoute } from './router';
import { useFetch } from './use-fetch';
import { AlertsView } from './views/alerts-view';
import { AnalyticsView } from './views/analytics-view';
import { ComposeView } from './views/compose-view';
import { EventsView } from './views/events-view';
import { ExecutionsView } from './views/executions-view';
import { MessagesView } from './views/messages-view';
import { ReplayView } from './views/replay-view';

const NAV = [
  ['events', 'Live events'],
  ['messages', 'Messages'],
  ['executions', 'Executions'],
  ['alerts', 'Alerts'],
  ['analytics', 'Analytics'],
  ['replay', 'Replay'],
  ['compose', 'Compose'],
] as const;

function View({ view, id }: { view: string; id: string | undefined }) {
  switch (view) {
    case 'messages':
      return <MessagesView id={id} />;
    case 'executions':
      return <ExecutionsView id={id} />;
    case 'alerts':
      return <AlertsView />;
    case 'analytics':
      return <AnalyticsView />;
    case 'replay':
      return <ReplayView />;
    case 'compose':
      return <ComposeView />;
    default:
      return <EventsView />;
  }
}

export function App() {
  const route = useRoute();
  const connection = useLive((s) => s.connection);
  const events = useLive((s) => s.events);
  const overview = useFetch<OverviewView>('/overview');
  const failed = events.filter((e) => e.deliveries.some(isFailed)).length;
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="Console">
        <h1>
          <a href={href('events')}>
            Message Analyser <span>local console</span>
          </a>
        </h1>
        <ul>
          {NAV.map(([view, label]) => (
            <li key={view}>
              <a href={href(view)} aria-current={route.view === view ? 'page' : undefined}>
                {label}
                {view === 'events' && events.length > 0 ? <span class="count">{events.length}</span> : null}
                {view === 'events' && failed > 0 ? (
                  <span class="count bad" title="events with a failed delivery">
                    {failed}
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
        <footer class="small">
          <p class={`conn ${connection}`} role="status">
            {connection === 'live' ? '● connected' : connection === 'connecting' ? '○ connecting…' : '○ offline: is the local cloud running?'}
          </p>
          {overview.data ? (
            <p class="muted">
              {overview.data.endpoint}
              <br />
              {overview.data.region} · {overview.data.services.length} services
            </p>
          ) : null}
        </footer>
      </nav>
      <main id="main">
        <View view={route.view} id={route.id} />
      </main>
    </div>
  );
}
