import { listen } from '../../core/http/server';
import { formatSse, SseHub } from './sse';

describe('server-sent events', () => {
  it('format names, multi-line data and ids', () => {
    expect(formatSse('event', { a: 1 })).toBe('event: event\ndata: {"a":1}\n\n');
    expect(formatSse('note', 'one\ntwo', '7')).toBe('id: 7\nevent: note\ndata: one\ndata: two\n\n');
  });

  it('reach every open stream and notice a client that goes away', async () => {
    const hub = new SseHub();
    const server = await listen(async () => hub.open(60_000).response(), '127.0.0.1', 0);
    try {
      const controller = new AbortController();
      const res = await fetch(server.url, { signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      expect(decoder.decode((await reader.read()).value)).toBe('retry: 1000\n\n');
      expect(hub.size).toBe(1);
      hub.broadcast('event', { n: 1 });
      expect(decoder.decode((await reader.read()).value)).toBe('event: event\ndata: {"n":1}\n\n');
      controller.abort();
      const deadline = Date.now() + 3000;
      while (hub.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(hub.size).toBe(0);
    } finally {
      hub.closeAll();
      await server.close();
    }
  });
});
