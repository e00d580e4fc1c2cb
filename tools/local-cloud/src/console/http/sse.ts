/**
 * Server-sent events over the endpoint's ordinary response path: the route answers
 * with a stream the server pipes to the socket. A client that goes away unpipes the
 * stream (Node unpipes a source when its destination closes), which is how a channel
 * learns it is closed; a comment line every `heartbeatMs` keeps proxies and the
 * browser's connection alive.
 */
import { PassThrough } from 'node:stream';
import type { HttpResponse } from '../../core/http/types';

class SseStream extends PassThrough {
  onUnpipe: (() => void) | undefined;

  override unpipe<T extends NodeJS.WritableStream>(destination?: T): this {
    super.unpipe(destination);
    this.onUnpipe?.();
    return this;
  }
}

/** Formats one server-sent event (`event:` name, `data:` lines, optional `id:`). */
export function formatSse(name: string, data: unknown, id?: string): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  const lines = text.split(/\r?\n/).map((l) => `data: ${l}`);
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${name}\n${lines.join('\n')}\n\n`;
}

export class SseChannel {
  private readonly stream = new SseStream();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(heartbeatMs = 15_000) {
    this.stream.onUnpipe = () => this.close();
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), heartbeatMs);
    this.heartbeat.unref();
    // Tell EventSource how long to wait before reconnecting after a restart.
    this.write('retry: 1000\n\n');
  }

  /** The HTTP answer that starts the stream. */
  response(): HttpResponse {
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
      body: this.stream,
    };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(name: string, data: unknown, id?: string): void {
    this.write(formatSse(name, data, id));
  }

  /** Sends an event already formatted with `formatSse` (broadcasts format once). */
  sendFormatted(text: string): void {
    this.write(text);
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.stream.end();
    for (const l of this.closeListeners.splice(0)) l();
  }

  private write(chunk: string): void {
    if (this.closed) return;
    // A client that cannot keep up (1 MiB unread) is dropped; EventSource reconnects and reloads.
    if (this.stream.readableLength > 1024 * 1024) {
      this.close();
      return;
    }
    this.stream.write(chunk);
  }
}

/** Every open stream: broadcasts go to all of them. */
export class SseHub {
  private readonly channels = new Set<SseChannel>();

  open(heartbeatMs?: number): SseChannel {
    const channel = new SseChannel(heartbeatMs);
    this.channels.add(channel);
    channel.onClose(() => this.channels.delete(channel));
    return channel;
  }

  broadcast(name: string, data: unknown): void {
    if (this.channels.size === 0) return;
    const text = formatSse(name, data);
    for (const c of this.channels) c.sendFormatted(text);
  }

  get size(): number {
    return this.channels.size;
  }

  closeAll(): void {
    for (const c of [...this.channels]) c.close();
  }
}
