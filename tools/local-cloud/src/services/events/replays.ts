/**
 * Archive replays: `StartReplay` re-sends the archived events of a time window to the
 * rules of the archive's bus (all, or the `FilterArns`), each marked with
 * `replay-name`. Replays persist their state; one interrupted by a restart resumes
 * after the last event it replayed.
 */
import type { ReplayState } from '@aws-sdk/client-eventbridge';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../../core/persistence';

export interface Replay {
  readonly name: string;
  readonly arn: string;
  readonly archive: string;
  readonly archiveArn: string;
  readonly bus: string;
  readonly destinationArn: string;
  readonly filterArns: readonly string[];
  readonly description: string | undefined;
  readonly eventStartTime: number;
  readonly eventEndTime: number;
  state: ReplayState;
  stateReason?: string;
  readonly replayStartTime: number;
  replayEndTime?: number;
  /** Ingestion time of the last event replayed (resume point). */
  lastReplayed?: number;
  /** Events replayed so far. */
  count: number;
}

export class ReplayStore {
  private readonly file: string;
  readonly replays: Map<string, Replay>;

  constructor(dir: string) {
    this.file = join(dir, 'replays.json');
    this.replays = new Map(Object.entries(readJsonFile<Record<string, Replay>>(this.file, {})));
  }

  save(): void {
    writeJsonAtomic(this.file, Object.fromEntries(this.replays));
  }

  put(replay: Replay): void {
    this.replays.set(replay.name, replay);
    this.save();
  }
}
