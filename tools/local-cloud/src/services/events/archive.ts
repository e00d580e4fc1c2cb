/**
 * Event archives: every event a bus accepts that matches one of its archives' patterns
 * is appended (fsynced with the `PutEvents` it came in) to a day file per bus,
 * `events/archive/<bus>/<YYYY-MM-DD>.ndjson`; replays read those files by ingestion
 * time. Day files older than the longest retention of the bus's archives are deleted.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, Journal, readJournal, readJsonFile, writeJsonAtomic } from '../../core/persistence';
import type { Archive, BusEvent } from './model';

export interface ArchivedEvent {
  /** The event as accepted. */
  readonly e: BusEvent;
  /** Ingestion time, ms since the epoch. */
  readonly i: number;
  /** The archives whose pattern it matched. */
  readonly a: readonly string[];
}

interface Stats {
  eventCount: number;
  sizeBytes: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The archives' folder under a local cloud's data directory. */
export const archiveDirOf = (dataDir: string): string => join(dataDir, 'events', 'archive');

const busDirOf = (dir: string, bus: string) => join(dir, encodeURIComponent(bus));

/**
 * Every event archived on a bus, oldest day first, read from outside the running local
 * cloud (tests, benches): complete lines only — one still being written is not yet an
 * event — and the files left untouched.
 */
export function readArchivedEvents(dataDir: string, bus: string): ArchivedEvent[] {
  const busDir = busDirOf(archiveDirOf(dataDir), bus);
  if (!existsSync(busDir)) return [];
  const events: ArchivedEvent[] = [];
  for (const file of readdirSync(busDir).filter((f) => f.endsWith('.ndjson')).sort()) {
    const text = readFileSync(join(busDir, file), 'utf8');
    for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
      if (line.trim() === '') continue;
      try {
        events.push(JSON.parse(line) as ArchivedEvent);
      } catch {
        // The torn tail of an earlier crash: not an event.
      }
    }
  }
  return events;
}

export class ArchiveStore {
  private readonly journals = new Map<string, { day: string; journal: Journal<ArchivedEvent> }>();
  private stats: Record<string, Stats>;
  private dirty = false;
  private readonly statsFile: string;

  constructor(private readonly dir: string) {
    ensureDir(dir);
    this.statsFile = join(dir, 'stats.json');
    this.stats = readJsonFile<Record<string, Stats>>(this.statsFile, {});
  }

  /** Appends events of one bus; resolves once on disk. */
  async append(bus: string, events: readonly ArchivedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const journal = await this.journalFor(bus, events[0]!.i);
    await journal.appendMany(events);
    for (const ev of events) {
      const size = Buffer.byteLength(JSON.stringify(ev.e));
      for (const name of ev.a) {
        const s = (this.stats[name] ??= { eventCount: 0, sizeBytes: 0 });
        s.eventCount++;
        s.sizeBytes += size;
      }
    }
    this.dirty = true;
  }

  private async journalFor(bus: string, ms: number): Promise<Journal<ArchivedEvent>> {
    const d = day(ms);
    const current = this.journals.get(bus);
    if (current?.day === d) return current.journal;
    const { journal } = await Journal.open<ArchivedEvent>(join(busDirOf(this.dir, bus), `${d}.ndjson`));
    // Another append may have opened it meanwhile.
    const again = this.journals.get(bus);
    if (again?.day === d) {
      await journal.close();
      return again.journal;
    }
    this.journals.set(bus, { day: d, journal });
    if (current) await current.journal.close();
    return journal;
  }

  /** The archived events of one archive with ingestion time in [from, to), oldest first. */
  *read(bus: string, archive: string, from: number, to: number): Generator<ArchivedEvent> {
    const busDir = busDirOf(this.dir, bus);
    if (!existsSync(busDir)) return;
    const first = day(from);
    const last = day(to);
    const files = readdirSync(busDir)
      .filter((f) => f.endsWith('.ndjson'))
      .map((f) => f.slice(0, -'.ndjson'.length))
      .filter((d) => d >= first && d <= last)
      .sort();
    for (const d of files) {
      const events = readJournal<ArchivedEvent>(join(busDir, `${d}.ndjson`)).filter((ev) => ev.i >= from && ev.i < to && ev.a.includes(archive));
      events.sort((a, b) => a.i - b.i);
      yield* events;
    }
  }

  statsOf(archive: string): Stats {
    return this.stats[archive] ?? { eventCount: 0, sizeBytes: 0 };
  }

  /** Deletes day files past the longest retention of each bus's archives (0 = keep forever). */
  applyRetention(archives: readonly Archive[], now = Date.now()): string[] {
    const deleted: string[] = [];
    const byBus = new Map<string, number>();
    for (const a of archives) {
      const keep = a.retentionDays === 0 ? Infinity : a.retentionDays;
      byBus.set(a.bus, Math.max(byBus.get(a.bus) ?? 0, keep));
    }
    for (const [bus, days] of byBus) {
      if (days === Infinity) continue;
      const busDir = busDirOf(this.dir, bus);
      if (!existsSync(busDir)) continue;
      const oldest = day(now - days * 86_400_000);
      for (const f of readdirSync(busDir)) {
        if (f.endsWith('.ndjson') && f.slice(0, 10) < oldest) {
          rmSync(join(busDir, f));
          deleted.push(`${bus}/${f}`);
        }
      }
    }
    return deleted;
  }

  saveStats(): void {
    if (!this.dirty) return;
    writeJsonAtomic(this.statsFile, this.stats);
    this.dirty = false;
  }

  async close(): Promise<void> {
    for (const { journal } of this.journals.values()) await journal.close();
    this.journals.clear();
    this.saveStats();
  }
}
