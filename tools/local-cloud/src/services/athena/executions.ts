/**
 * Query executions: their states (QUEUED → RUNNING → SUCCEEDED / FAILED /
 * CANCELLED), statistics and result metadata, kept in a journal under
 * `<data>/athena/` so GetQueryExecution and GetQueryResults answer after a
 * restart (the rows then come back from the CSV in the result location).
 */
import type { AthenaError, ColumnInfo, QueryExecution, QueryExecutionState } from '@aws-sdk/client-athena';
import { join } from 'node:path';
import { Journal } from '../../core/persistence';

export interface ExecutionRecord {
  readonly id: string;
  readonly query: string;
  readonly workGroup: string;
  readonly database: string;
  readonly outputLocation: string;
  readonly encryption?: string;
  readonly clientToken?: string;
  state: QueryExecutionState;
  statementType?: 'DML' | 'DDL' | 'UTILITY';
  readonly submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  reason?: string;
  error?: AthenaError;
  scannedBytes?: number;
  columns?: ColumnInfo[];
  header?: boolean;
  rowCount?: number;
}

/** Executions kept across restarts (the most recent ones). */
const KEEP = 1000;

export class Executions {
  private readonly records = new Map<string, ExecutionRecord>();
  private lines = 0;

  private constructor(private readonly journal: Journal<ExecutionRecord>) {}

  static async open(dir: string): Promise<Executions> {
    const { journal, records } = await Journal.open<ExecutionRecord>(join(dir, 'executions.ndjson'));
    const executions = new Executions(journal);
    for (const r of records) executions.records.set(r.id, r);
    // A query running when the process stopped did not finish: it failed, as it would on AWS after an outage.
    for (const r of executions.records.values()) {
      if (r.state === 'QUEUED' || r.state === 'RUNNING') {
        r.state = 'FAILED';
        r.completedAt = Date.now();
        r.reason = 'GENERIC_INTERNAL_ERROR: The local cloud stopped while the query was running';
        r.error = { ErrorCategory: 1, ErrorMessage: r.reason, Retryable: true };
      }
    }
    executions.lines = records.length;
    return executions;
  }

  get(id: string | undefined): ExecutionRecord | undefined {
    return id === undefined ? undefined : this.records.get(id);
  }

  byToken(token: string): ExecutionRecord | undefined {
    for (const r of this.records.values()) if (r.clientToken === token) return r;
    return undefined;
  }

  /** Most recent first. */
  list(workGroup?: string): ExecutionRecord[] {
    return [...this.records.values()].filter((r) => !workGroup || r.workGroup === workGroup).sort((a, b) => b.submittedAt - a.submittedAt);
  }

  async save(record: ExecutionRecord): Promise<void> {
    this.records.set(record.id, record);
    this.lines++;
    await this.journal.append({ ...record });
    if (this.lines > 4 * KEEP) {
      await this.journal.rewrite(() => {
        const kept = this.list().slice(0, KEEP);
        for (const r of this.records.values()) if (!kept.includes(r)) this.records.delete(r.id);
        this.lines = kept.length;
        return kept.map((r) => ({ ...r }));
      });
    }
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}

/** GetQueryExecution's shape of a record. */
export function describeExecution(r: ExecutionRecord): QueryExecution {
  const end = r.completedAt ?? Date.now();
  return {
    QueryExecutionId: r.id,
    Query: r.query,
    StatementType: r.statementType ?? 'DML',
    ...(r.statementType === 'DML' ? { SubstatementType: 'SELECT' } : {}),
    ResultConfiguration: {
      OutputLocation: `${r.outputLocation}${r.id}.${r.statementType === 'DML' || !r.statementType ? 'csv' : 'txt'}`,
      ...(r.encryption ? { EncryptionConfiguration: { EncryptionOption: r.encryption as 'SSE_S3' } } : {}),
    },
    ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
    QueryExecutionContext: { Database: r.database, Catalog: 'awsdatacatalog' },
    Status: {
      State: r.state,
      SubmissionDateTime: new Date(r.submittedAt),
      ...(r.completedAt ? { CompletionDateTime: new Date(r.completedAt) } : {}),
      ...(r.reason ? { StateChangeReason: r.reason } : {}),
      ...(r.error ? { AthenaError: r.error } : {}),
    },
    Statistics: {
      EngineExecutionTimeInMillis: r.startedAt ? end - r.startedAt : 0,
      DataScannedInBytes: r.scannedBytes ?? 0,
      TotalExecutionTimeInMillis: end - r.submittedAt,
      QueryQueueTimeInMillis: (r.startedAt ?? end) - r.submittedAt,
      ServicePreProcessingTimeInMillis: 0,
      QueryPlanningTimeInMillis: 0,
      ServiceProcessingTimeInMillis: 0,
      ResultReuseInformation: { ReusedPreviousResult: false },
    },
    WorkGroup: r.workGroup,
    EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
  };
}
