import type {
  CancelMessageMoveTaskRequest,
  CancelMessageMoveTaskResult,
  ListMessageMoveTasksRequest,
  ListMessageMoveTasksResult,
  StartMessageMoveTaskRequest,
  StartMessageMoveTaskResult,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { InvalidParameterValue, ResourceNotFoundException, UnsupportedOperation } from '../errors';
import type { Queue } from '../queue';
import type { QueueStore } from '../store';

type Status = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

interface MoveTask {
  readonly handle: string;
  readonly sourceArn: string;
  readonly destinationArn?: string;
  readonly rate?: number;
  readonly startedAt: number;
  status: Status;
  moved: number;
  readonly toMove: number;
  failureReason?: string;
  done: Promise<void>;
}

/** Messages moved per tick when no rate is given (SQS's "system optimized" rate). */
const DEFAULT_RATE = 500;

/**
 * DLQ redrive (StartMessageMoveTask): moves the messages of a dead-letter
 * queue back to the queues they came from (or to DestinationArn), each one
 * durable in its destination before it leaves the source, at most
 * MaxNumberOfMessagesPerSecond.
 */
export class MoveTasks {
  private readonly tasks: MoveTask[] = [];

  constructor(private readonly store: QueueStore) {}

  start(input: StartMessageMoveTaskRequest): StartMessageMoveTaskResult {
    const source = input.SourceArn ? this.store.byArn(input.SourceArn) : undefined;
    if (!source) throw new ResourceNotFoundException(`The resource that you specified for the SourceArn parameter doesn't exist: ${input.SourceArn ?? ''}`);
    const isDlq = this.store.list().some((q) => q.settings.RedrivePolicy?.deadLetterTargetArn === source.arn);
    if (!isDlq) throw new InvalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    if (this.tasks.some((t) => t.sourceArn === source.arn && (t.status === 'RUNNING' || t.status === 'CANCELLING'))) {
      throw new UnsupportedOperation('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
    }
    const destination = input.DestinationArn ? this.store.byArn(input.DestinationArn) : undefined;
    if (input.DestinationArn && !destination) {
      throw new ResourceNotFoundException(`The resource that you specified for the DestinationArn parameter doesn't exist: ${input.DestinationArn}`);
    }
    const rate = input.MaxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw new InvalidParameterValue('Value for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: must be an integer between 1 and 500.');
    }
    const task: MoveTask = {
      handle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString('base64'),
      sourceArn: source.arn,
      ...(destination ? { destinationArn: destination.arn } : {}),
      ...(rate ? { rate } : {}),
      startedAt: Date.now(),
      status: 'RUNNING',
      moved: 0,
      toMove: source.counts(Date.now()).visible,
      done: Promise.resolve(),
    };
    task.done = this.run(task, source, destination);
    this.tasks.unshift(task);
    return { TaskHandle: task.handle };
  }

  private async run(task: MoveTask, source: Queue, destination: Queue | undefined): Promise<void> {
    const perSecond = task.rate ?? DEFAULT_RATE;
    try {
      while (task.status === 'RUNNING' && task.moved < task.toMove) {
        const tickStarted = Date.now();
        let movedThisTick = 0;
        while (movedThisTick < perSecond && task.moved < task.toMove && task.status === 'RUNNING') {
          const next = [...source.messages.values()].find((m) => m.visibleAt <= Date.now());
          if (!next) break;
          const target = destination ?? (next.sourceArn ? this.store.byArn(next.sourceArn) : undefined);
          if (!target) throw new Error(`message ${next.id} has no DeadLetterQueueSourceArn and no DestinationArn was given`);
          await this.store.commit(target, target.adopt(next, Date.now()));
          source.apply({ op: 'del', id: next.id });
          await this.store.commit(source, [{ op: 'del', id: next.id }]);
          task.moved++;
          movedThisTick++;
        }
        if (movedThisTick === 0) break;
        const elapsed = Date.now() - tickStarted;
        if (task.moved < task.toMove && elapsed < 1000 && movedThisTick >= perSecond) await new Promise((r) => setTimeout(r, 1000 - elapsed));
      }
      task.status = task.status === 'CANCELLING' ? 'CANCELLED' : 'COMPLETED';
    } catch (error) {
      task.status = 'FAILED';
      task.failureReason = (error as Error).message;
    }
  }

  cancel(input: CancelMessageMoveTaskRequest): CancelMessageMoveTaskResult {
    const task = this.tasks.find((t) => t.handle === input.TaskHandle);
    if (!task) throw new ResourceNotFoundException('Task does not exist.');
    if (task.status !== 'RUNNING') throw new UnsupportedOperation(`Task is ${task.status} and cannot be cancelled.`);
    task.status = 'CANCELLING';
    return { ApproximateNumberOfMessagesMoved: task.moved };
  }

  list(input: ListMessageMoveTasksRequest): ListMessageMoveTasksResult {
    if (!input.SourceArn || !this.store.byArn(input.SourceArn)) throw new ResourceNotFoundException(`The resource that you specified for the SourceArn parameter doesn't exist: ${input.SourceArn ?? ''}`);
    const max = Math.min(Math.max(input.MaxResults ?? 1, 1), 10);
    return {
      Results: this.tasks
        .filter((t) => t.sourceArn === input.SourceArn)
        .slice(0, max)
        .map((t) => ({
          ...(t.status === 'RUNNING' ? { TaskHandle: t.handle } : {}),
          Status: t.status,
          SourceArn: t.sourceArn,
          ...(t.destinationArn ? { DestinationArn: t.destinationArn } : {}),
          ...(t.rate ? { MaxNumberOfMessagesPerSecond: t.rate } : {}),
          ApproximateNumberOfMessagesMoved: t.moved,
          ApproximateNumberOfMessagesToMove: t.toMove,
          ...(t.failureReason ? { FailureReason: t.failureReason } : {}),
          StartedTimestamp: t.startedAt,
        })),
    };
  }

  /** Resolves when every running task has finished (for shutdown and tests). */
  async settle(): Promise<void> {
    await Promise.all(this.tasks.map((t) => t.done));
  }
}
