/**
 * Ships function output to CloudWatch Logs (the local logs service) the way Lambda
 * does: one log stream per execution environment in the function's log group,
 * events batched and sent in order with `PutLogEvents`.
 */
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Cloud } from '../../core/cloud';

interface Buffered {
  readonly group: string;
  readonly stream: string;
  created: boolean;
  events: Array<{ timestamp: number; message: string }>;
}

/** PutLogEvents accepts at most 10,000 events per call. */
const MAX_BATCH = 10_000;

export class LogShipper {
  private readonly buffers = new Map<string, Buffered>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private unavailable = false;

  constructor(
    private readonly cloud: Cloud,
    private readonly intervalMs = 200,
  ) {}

  /** A writer for one log stream. */
  writer(group: string, stream: string): (line: string) => void {
    const key = `${group}\u0000${stream}`;
    return (message) => {
      if (this.unavailable) return;
      let b = this.buffers.get(key);
      if (!b) {
        b = { group, stream, created: false, events: [] };
        this.buffers.set(key, b);
      }
      b.events.push({ timestamp: Date.now(), message });
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.intervalMs);
    };
  }

  /** Sends everything buffered so far; resolves when sent. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.send()).catch(() => undefined);
    return this.flushing;
  }

  private async send(): Promise<void> {
    for (const b of this.buffers.values()) {
      while (b.events.length > 0 && !this.unavailable) {
        const batch = b.events.splice(0, MAX_BATCH);
        try {
          if (!b.created) {
            await this.ensureStream(b.group, b.stream);
            b.created = true;
          }
          await this.cloud.send(new PutLogEventsCommand({ logGroupName: b.group, logStreamName: b.stream, logEvents: batch }));
        } catch (err) {
          if ((err as Error).name === 'NotImplemented') {
            this.unavailable = true;
            this.cloud.log.warn('function logs are not stored: the logs service is not available', { reason: (err as Error).message });
          } else {
            this.cloud.log.warn(`could not ship logs to ${b.group}`, { error: err as Error });
          }
        }
      }
    }
    for (const [key, b] of this.buffers) if (b.events.length === 0 && b.created) this.buffers.delete(key);
  }

  private async ensureStream(group: string, stream: string): Promise<void> {
    try {
      await this.cloud.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    } catch (err) {
      if ((err as Error).name === 'ResourceAlreadyExistsException') return;
      if ((err as Error).name !== 'ResourceNotFoundException') throw err;
      // The group is not in any template (e.g. the default /aws/lambda/<name>): Lambda creates it.
      await this.cloud.send(new CreateLogGroupCommand({ logGroupName: group })).catch((e: Error) => {
        if (e.name !== 'ResourceAlreadyExistsException') throw e;
      });
      await this.cloud.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
