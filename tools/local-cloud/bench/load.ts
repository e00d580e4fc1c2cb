/**
 * What the load benches share: an open-loop poster of signed X mentions (each post leaves
 * at its scheduled time whatever the previous answers took, so queueing shows up as
 * latency instead of slowing the offered rate), the CPU and memory of the local cloud's
 * process tree (its Lambda sandboxes included), and percentiles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { RunningCloud } from '../e2e/harness';

/** CPU seconds and RSS bytes of a process and all its descendants (Linux /proc). */
export function treeUsage(root: number): { cpuSeconds: number; rssBytes: number; processes: number } {
  const parents = new Map<number, number>();
  const stats = new Map<number, { cpu: number; rss: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      stats.set(Number(entry), { cpu: (Number(fields[11]) + Number(fields[12])) / 100, rss: Number(fields[21]) * 4096 });
    } catch {
      // The process ended meanwhile.
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const pid of tree) {
    cpuSeconds += stats.get(pid)?.cpu ?? 0;
    rssBytes += stats.get(pid)?.rss ?? 0;
  }
  return { cpuSeconds, rssBytes, processes: tree.size };
}

/** Samples a process tree's usage at an interval; `stop()` gives CPU cores used on average and the RSS series. */
export function sampleUsage(root: number, everyMs = 500) {
  const t0 = Date.now();
  const first = treeUsage(root);
  const rss: Array<{ atS: number; bytes: number }> = [{ atS: 0, bytes: first.rssBytes }];
  let processes = first.processes;
  const timer = setInterval(() => {
    const u = treeUsage(root);
    rss.push({ atS: (Date.now() - t0) / 1000, bytes: u.rssBytes });
    processes = Math.max(processes, u.processes);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const last = treeUsage(root);
      const elapsedS = (Date.now() - t0) / 1000;
      rss.push({ atS: elapsedS, bytes: last.rssBytes });
      return {
        cpuCores: (last.cpuSeconds - first.cpuSeconds) / elapsedS,
        rss,
        peakRssBytes: Math.max(...rss.map((r) => r.bytes)),
        processes,
      };
    },
  };
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
export const ms = (n: number): string => (Number.isNaN(n) ? '—' : `${Math.round(n)}`);
export const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)}`;

export interface OpenLoopRun {
  /** `MessageId` → when its delivery was posted (epoch ms), for the accepted ones (HTTP 200). */
  readonly accepted: Map<string, number>;
  readonly sent: number;
  /** Answers other than 200 (or no answer), by status. */
  readonly refused: Record<string, number>;
  /** Webhook answer times, ms, sorted. */
  readonly webhookMs: number[];
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * Posts `rate` signed mentions per second for `durationS` seconds, open-loop, and waits
 * for every answer.
 */
export async function postOpenLoop(
  cloud: RunningCloud,
  options: { readonly rate: number; readonly durationS: number; readonly text: (i: number) => string; readonly imageUrls?: readonly string[] },
): Promise<OpenLoopRun> {
  const count = Math.max(1, Math.round(options.rate * options.durationS));
  const accepted = new Map<string, number>();
  const refused: Record<string, number> = {};
  const webhookMs: number[] = [];
  const startedAt = Date.now();
  const posts: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const due = startedAt + (i * 1000) / options.rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    const t0 = Date.now();
    posts.push(
      cloud.client
        .postMention(options.text(i), options.imageUrls ? { imageUrls: options.imageUrls } : {})
        .then((p) => {
          webhookMs.push(Date.now() - t0);
          if (p.status === 200) accepted.set(`TWITTER-${p.tweetId}`, t0);
          else refused[String(p.status)] = (refused[String(p.status)] ?? 0) + 1;
        })
        .catch((error: unknown) => {
          refused[(error as Error).name] = (refused[(error as Error).name] ?? 0) + 1;
        }),
    );
  }
  await Promise.all(posts);
  return { accepted, sent: count, refused, webhookMs: webhookMs.sort((a, b) => a - b), startedAt, endedAt: Date.now() };
}

/** The machine's core count, for the figures' heading. */
export const cores = (): number => readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0;

/** Prints rows under a header, right-aligned columns. */
export function printTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
}
