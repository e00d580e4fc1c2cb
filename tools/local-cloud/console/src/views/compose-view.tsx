/**
 * Compose: a test mention (text, optional image) posted through the signed X webhook
 * exactly as `npm run send` does; then the message's progress through the system as
 * its events arrive.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ComposeResult, MessageView, OverviewView } from '../../../src/console/api-types';
import { ErrorNote, SentimentBadge } from '../components/common';
import { postJson } from '../api';
import { useLive } from '../live';
import { href } from '../router';
import { useFetch, useThrottled } from '../use-fetch';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

function Step({ done, label, children }: { done: boolean; label: string; children?: ComponentChildren }) {
  return (
    <li class={done ? 'done' : 'waiting'}>
      <span class="step-mark" aria-hidden="true">
        {done ? '✓' : '…'}
      </span>
      <span>{label}</span> {children}
    </li>
  );
}

function Progress({ messageId }: { messageId: string }) {
  const tick = useThrottled(
    useLive((s) => s.ticks.messages),
    300,
  );
  const { data: m } = useFetch<MessageView>(`/messages/${encodeURIComponent(messageId)}`, [tick]);
  return (
    <ol class="progress" aria-label="Progress" aria-live="polite">
      <Step done={!!m} label="MESSAGE_RECEIVED published by ingress" />
      <Step done={!!m?.analysis} label="Analysed">
        {m?.analysis ? <SentimentBadge sentiment={m.analysis.TextSentiment} /> : null}
      </Step>
      <Step done={!!m?.reply} label="Reply command (SEND_REPLY)">
        {m?.reply ? <q>{m.reply.text}</q> : null}
      </Step>
      <Step done={m?.outcome?.status === 'SENT'} label={m?.outcome?.status === 'FAILED' ? 'Reply failed' : 'Reply sent to X (REPLY_SENT)'} />
    </ol>
  );
}

export function ComposeView() {
  const overview = useFetch<OverviewView>('/overview');
  const bot = overview.data?.botScreenName;
  const [text, setText] = useState('');
  const [author, setAuthor] = useState('local_tester');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [preview, setPreview] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<ComposeResult | undefined>(undefined);
  const mention = bot ? `@${bot}` : '@bot';
  const body = text === '' ? '' : text.includes(mention) ? text : `${mention} ${text}`;

  const choose = (f: File | undefined) => {
    setError(undefined);
    if (preview) URL.revokeObjectURL(preview);
    if (f && f.size > MAX_IMAGE_BYTES) {
      setError(new Error(`The image is ${(f.size / 1024 / 1024).toFixed(1)} MB; Rekognition takes images up to 5 MB.`));
      setFile(undefined);
      setPreview(undefined);
      return;
    }
    setFile(f);
    setPreview(f ? URL.createObjectURL(f) : undefined);
  };

  const send = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const image = file ? { name: file.name, contentType: file.type || 'application/octet-stream', base64: await readBase64(file) } : undefined;
      setResult(await postJson<ComposeResult>('/compose', { text: body, author, ...(image ? { image } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="view compose" aria-labelledby="compose-title">
      <header class="view-head">
        <h2 id="compose-title">Compose a test mention</h2>
        <span class="muted small">Signed and posted to the X webhook like a real Account Activity delivery</span>
      </header>
      <form
        class="card compose-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label for="compose-text">Text</label>
        <textarea
          id="compose-text"
          rows={4}
          maxLength={280}
          value={text}
          placeholder="the van broke down again, awful service from Acme Motors"
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        <p class="small muted">
          Sent as <q>{body || `${mention} …`}</q> ({[...body].length}/280)
        </p>
        <div class="form-row">
          <label>
            From @
            <input type="text" value={author} pattern="[A-Za-z0-9_]{1,15}" onInput={(e) => setAuthor((e.target as HTMLInputElement).value)} required />
          </label>
          <label class="file">
            Image (optional)
            <input type="file" accept="image/png,image/jpeg" onChange={(e) => choose((e.target as HTMLInputElement).files?.[0])} />
          </label>
          {file ? (
            <button type="button" class="link" onClick={() => choose(undefined)}>
              remove image
            </button>
          ) : null}
        </div>
        {preview ? <img class="compose-preview" src={preview} alt="The image to send" /> : null}
        <div class="form-row">
          <button type="submit" disabled={busy || text.trim() === ''}>
            {busy ? 'Sending…' : 'Send mention'}
          </button>
        </div>
        <ErrorNote error={error} />
      </form>
      {result ? (
        <section class="card compose-result" aria-label="Sent">
          <p>
            X webhook answered <strong>{result.status}</strong> for tweet {result.tweetId}. Message{' '}
            <a href={href('messages', result.messageId)} data-message-id={result.messageId}>
              {result.messageId}
            </a>
            :
          </p>
          <Progress messageId={result.messageId} />
        </section>
      ) : null}
    </section>
  );
}
