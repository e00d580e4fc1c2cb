/** Alerts inbox: what SNS delivered, newest first, by topic and subscription. */
import { useState } from 'preact/hooks';
import type { AlertsView as AlertsData } from '../../../src/console/api-types';
import { Empty, ErrorNote, Loading } from '../components/common';
import { ago, dateTime } from '../format';
import { useLive } from '../live';
import { href } from '../router';
import { useFetch, useThrottled } from '../use-fetch';

export function AlertsView() {
  const tick = useThrottled(
    useLive((s) => s.ticks.alerts),
    500,
  );
  const { data, error } = useFetch<AlertsData>('/alerts', [tick]);
  const [topic, setTopic] = useState<string | undefined>(undefined);
  const [subscription, setSubscription] = useState<string | undefined>(undefined);
  if (!data) return <section class="view">{error ? <ErrorNote error={error} /> : <Loading what="alerts" />}</section>;
  const alerts = data.alerts.filter((a) => (!topic || a.topicArn === topic) && (!subscription || a.deliveries.some((d) => d.subscriptionArn === subscription)));
  return (
    <section class="view split" aria-labelledby="alerts-title">
      <div class="split-list">
        <header class="view-head">
          <h2 id="alerts-title">Alerts</h2>
        </header>
        <nav class="topic-list" aria-label="Topics and subscriptions">
          <button type="button" class={!topic && !subscription ? 'selected' : ''} onClick={() => (setTopic(undefined), setSubscription(undefined))}>
            Every alert <span class="muted">{data.alerts.length}</span>
          </button>
          {data.topics.map((t) => (
            <div key={t.arn} class="topic">
              <button type="button" class={topic === t.arn && !subscription ? 'selected' : ''} onClick={() => (setTopic(t.arn), setSubscription(undefined))}>
                {t.displayName ?? t.name} <span class="muted">{data.alerts.filter((a) => a.topicArn === t.arn).length}</span>
              </button>
              {t.subscriptions.length === 0 ? (
                <p class="muted small sub">no subscriptions: add e-mail or HTTPS endpoints with the alerting stack's alertSubscriptions context</p>
              ) : (
                t.subscriptions.map((s) => (
                  <button key={s.arn} type="button" class={`sub${subscription === s.arn ? ' selected' : ''}`} onClick={() => (setTopic(undefined), setSubscription(s.arn))}>
                    {s.protocol}: {s.endpoint}
                  </button>
                ))
              )}
            </div>
          ))}
        </nav>
      </div>
      <div class="split-detail">
        {alerts.length === 0 ? (
          <Empty title="No alerts yet">
            <p>
              Alerting publishes to SNS when a message is analysed as NEGATIVE, or an image carries a moderation label. <a href={href('compose')}>Compose a negative mention</a> (say,
              “the service was awful”) to see one here.
            </p>
          </Empty>
        ) : (
          <ol class="alert-list">
            {alerts.map((a) => (
              <li key={a.id} class="alert card">
                <p class="row-top">
                  <strong>{a.topic}</strong>
                  <span class="muted small" title={dateTime(a.at)}>
                    {ago(a.at)}
                  </span>
                </p>
                {a.subject ? <p class="subject">{a.subject}</p> : null}
                <pre class="alert-message">{a.message}</pre>
                <p class="small muted">
                  {a.deliveries.length === 0 ? 'delivered to the topic; no subscriber' : a.deliveries.map((d) => `${d.protocol} ${d.endpoint}: ${d.status}${d.error ? ` (${d.error})` : ''}`).join(' · ')}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
