/**
 * Messages: one row per received message (every event joined by its MessageId); the
 * selected one shows its text with entities and personal data highlighted, language,
 * sentiment with its scores, the images with what was found drawn over them, and the
 * reply: its text, the annotated image and whether it was sent.
 */
import type { ExecutionSummary, MessageView } from '../../../src/console/api-types';
import { Empty, ErrorNote, Loading, ReplayTag, SentimentBadge, StatusBadge } from '../components/common';
import { EntityLegend, HighlightedText } from '../components/highlighted-text';
import { AnalysedImage } from '../components/image-analysis';
import { ScoreBars } from '../components/score-bars';
import { ago, clock, dateTime, percent } from '../format';
import { friendlyName } from '../lib/names';
import { useLive } from '../live';
import { href } from '../router';
import { useFetch, useThrottled } from '../use-fetch';
import { qs } from '../api';

function ReplyState({ m }: { m: MessageView }) {
  if (m.outcome?.status === 'SENT') return <span class="reply-state ok" title={`posted as ${m.outcome.platformMessageId}`}>✓ reply sent</span>;
  if (m.outcome?.status === 'FAILED') return <span class="reply-state bad">✗ reply failed</span>;
  if (m.reply) return <span class="reply-state run">… reply pending</span>;
  if (m.analysis) return <span class="reply-state muted">no reply</span>;
  return <span class="reply-state run">… analysing</span>;
}

function MessageList({ messages, selected }: { messages: readonly MessageView[]; selected: string | undefined }) {
  return (
    <ol class="message-list" aria-label="Messages">
      {messages.map((m) => (
        <li key={m.messageId} class={m.messageId === selected ? 'selected' : ''}>
          <a href={href('messages', m.messageId)} data-message-id={m.messageId}>
            <span class="row-top">
              <strong>{m.author || m.messageId}</strong>
              <span class="muted small">
                {m.channel} · {ago(m.firstSeen)}
              </span>
            </span>
            <span class="snippet">{m.text || <em class="muted">(no text yet)</em>}</span>
            <span class="row-bottom">
              <SentimentBadge sentiment={m.analysis?.TextSentiment} />
              {m.images.length > 0 ? <span class="muted small">{m.images.length} image{m.images.length === 1 ? '' : 's'}</span> : null}
              <ReplyState m={m} />
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}

function MessageDetail({ id, tick }: { id: string; tick: number }) {
  const { data: m, error, loading } = useFetch<MessageView>(`/messages/${encodeURIComponent(id)}`, [tick]);
  const executions = useFetch<ExecutionSummary[]>(`/executions${qs({ messageId: id, limit: 5 })}`, [tick]);
  if (!m) return error ? <ErrorNote error={error} /> : loading ? <Loading what="the message" /> : null;
  const a = m.analysis;
  return (
    <article class="message-detail" aria-labelledby="message-title">
      <header>
        <h3 id="message-title">
          {m.author || '(unknown author)'} <span class="muted small">on {m.channel}</span>
        </h3>
        <p class="muted small">
          <code>{m.messageId}</code> · received {dateTime(m.receivedAt)}
          {m.analysedAt ? ` · analysed ${clock(m.analysedAt)}` : ''}
        </p>
      </header>
      <section class="card">
        <HighlightedText text={m.text} analysis={a} />
        <EntityLegend analysis={a} />
      </section>
      {a ? (
        <section class="card analysis-summary">
          <div>
            <h4>Sentiment</h4>
            <SentimentBadge sentiment={a.TextSentiment} />
            <ScoreBars scores={a.SentimentScore} />
          </div>
          <div>
            <h4>Language</h4>
            <p>
              <strong>{a.Language.Code}</strong> <span class="muted small">{a.Language.Source === 'DEFAULT' ? 'default (text too short)' : `detected, ${percent(a.Language.Score)}`}</span>
            </p>
            {a.Skipped.length > 0 ? (
              <p class="small muted">
                Skipped: {a.Skipped.map((s) => `${s.Analysis} (${s.Reason})`).join('; ')}
              </p>
            ) : null}
            {a.Truncated.length > 0 ? <p class="small muted">Truncated for: {a.Truncated.join(', ')}</p> : null}
            {a.Errors.length > 0 ? (
              <ul class="small bad">
                {a.Errors.map((e, i) => (
                  <li key={i}>
                    {e.Step}: {e.Error} — {e.Cause}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </section>
      ) : (
        <section class="card">
          <p class="muted">Not analysed yet: the analysis workflow publishes MESSAGE_ANALYSED when it finishes.</p>
        </section>
      )}
      {m.images.length > 0 ? (
        <section>
          <h4>Images</h4>
          <div class="images">
            {m.images.map((img, i) => (
              <AnalysedImage key={img.url} image={img} index={i} analysed={m.analysis !== undefined} />
            ))}
          </div>
        </section>
      ) : null}
      <section class="card reply">
        <h4>Reply</h4>
        {m.reply ? (
          <>
            <p class="reply-text" data-responder={m.reply.responder}>
              {m.reply.text}
            </p>
            <p class="small muted">
              {m.reply.responder === 'IMAGE' ? 'image responder' : 'text bot'} · requested {clock(m.reply.requestedAt)}
            </p>
            {m.reply.imageSrc ? <img class="reply-image" src={m.reply.imageSrc} alt="The annotated image sent with the reply" /> : null}
            <p>
              <ReplyState m={m} />
              {m.outcome?.status === 'SENT' ? <span class="small muted"> as post {m.outcome.platformMessageId} at {clock(m.outcome.at)}</span> : null}
              {m.outcome?.status === 'FAILED' ? (
                <span class="small bad">
                  {' '}
                  {m.outcome.statusCode ? `${m.outcome.statusCode} ` : ''}
                  {m.outcome.reason}
                  {m.outcome.permanent ? ' (permanent)' : ' (will be retried)'}
                </span>
              ) : null}
            </p>
          </>
        ) : (
          <p class="muted">No reply command yet.</p>
        )}
      </section>
      <section class="card">
        <h4>Events</h4>
        <ol class="timeline">
          {m.events.map((e) => (
            <li key={e.key}>
              <span class="time">{clock(e.ingested)}</span> {e.detailType} <ReplayTag name={e.replayName} />
            </li>
          ))}
        </ol>
        {executions.data && executions.data.length > 0 ? (
          <p class="small">
            Workflow:{' '}
            {executions.data.map((x) => (
              <a key={x.arn} href={href('executions', x.arn)}>
                {friendlyName(x.stateMachine)} <StatusBadge status={x.status} />{' '}
              </a>
            ))}
          </p>
        ) : null}
      </section>
    </article>
  );
}

export function MessagesView({ id }: { id: string | undefined }) {
  const tick = useThrottled(
    useLive((s) => s.ticks.messages),
    500,
  );
  const { data, error } = useFetch<MessageView[]>('/messages?limit=200', [tick]);
  const messages = data ?? [];
  const selected = id ?? messages[0]?.messageId;
  return (
    <section class="view split" aria-labelledby="messages-title">
      <div class="split-list">
        <header class="view-head">
          <h2 id="messages-title">Messages</h2>
          <span class="muted small">{messages.length}</span>
        </header>
        <ErrorNote error={error} />
        {data && messages.length === 0 ? (
          <Empty title="No messages yet">
            <p>
              A message appears when ingress publishes MESSAGE_RECEIVED for a mention of the bot. <a href={href('compose')}>Compose a test mention</a>, with an image to see faces and
              labels.
            </p>
          </Empty>
        ) : (
          <MessageList messages={messages} selected={selected} />
        )}
      </div>
      <div class="split-detail">{selected ? <MessageDetail id={selected} tick={tick} /> : null}</div>
    </section>
  );
}
