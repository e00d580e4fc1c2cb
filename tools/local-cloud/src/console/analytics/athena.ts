/**
 * The analytics view's link to the local Athena: the named queries of the loaded
 * stacks, and running SQL (start, wait, read the results) through the service's own
 * operations, exactly as an SDK client would.
 */
import {
  BatchGetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
  type ResultSet,
} from '@aws-sdk/client-athena';
import type { Cloud } from '../../core/cloud';
import type { NamedQueryView, QueryResultView } from '../api-types';
import { BadRequestError, fromAws, UnavailableError } from '../errors';
import { resultTable } from './results';

/** The workgroups and databases the loaded stacks define. */
export function lakeDefaults(cloud: Cloud): { workGroup: string; database: string } | undefined {
  const workGroup = cloud.resources.ofType('AWS::Athena::WorkGroup')[0];
  const database = cloud.resources.ofType('AWS::Glue::Database')[0];
  if (!workGroup || !database) return undefined;
  const dbName = (database.properties['DatabaseInput'] as { Name?: string } | undefined)?.Name ?? database.ref;
  return { workGroup: String(workGroup.properties['Name'] ?? workGroup.ref), database: dbName };
}

function requireAthena(cloud: Cloud): void {
  if (!cloud.instance('athena')) throw new UnavailableError('Athena is not running in this local cloud yet');
}

/** Every named query of every workgroup the stacks define. */
export async function namedQueries(cloud: Cloud): Promise<NamedQueryView[]> {
  requireAthena(cloud);
  const workGroups = [...new Set(cloud.resources.ofType('AWS::Athena::WorkGroup').map((w) => String(w.properties['Name'] ?? w.ref)))];
  const out: NamedQueryView[] = [];
  try {
    for (const workGroup of workGroups.length > 0 ? workGroups : ['primary']) {
      let token: string | undefined;
      do {
        const page = await cloud.send(new ListNamedQueriesCommand({ WorkGroup: workGroup, NextToken: token, MaxResults: 50 }));
        const ids = page.NamedQueryIds ?? [];
        if (ids.length > 0) {
          const got = await cloud.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids }));
          for (const q of got.NamedQueries ?? []) {
            out.push({
              id: q.NamedQueryId ?? '',
              name: q.Name ?? '',
              ...(q.Description ? { description: q.Description } : {}),
              database: q.Database ?? '',
              workGroup: q.WorkGroup ?? workGroup,
              sql: q.QueryString ?? '',
            });
          }
        }
        token = page.NextToken;
      } while (token);
    }
  } catch (err) {
    throw fromAws(err);
  }
  return out;
}

export interface RunOptions {
  readonly workGroup?: string;
  readonly database?: string;
  /** @default 1000 */
  readonly maxRows?: number;
  /** @default 120000 */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs SQL to the end and returns the first `maxRows` rows. */
export async function runQuery(cloud: Cloud, sql: string, options: RunOptions = {}): Promise<QueryResultView> {
  if (sql.trim() === '') throw new BadRequestError('the query is empty');
  requireAthena(cloud);
  const defaults = lakeDefaults(cloud);
  const workGroup = options.workGroup ?? defaults?.workGroup;
  const database = options.database ?? defaults?.database;
  const maxRows = options.maxRows ?? 1000;
  try {
    const started = await cloud.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        ...(workGroup ? { WorkGroup: workGroup } : {}),
        ...(database ? { QueryExecutionContext: { Database: database } } : {}),
      }),
    );
    const id = started.QueryExecutionId!;
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    let delay = 25;
    for (;;) {
      const { QueryExecution: q } = await cloud.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = q?.Status?.State ?? 'QUEUED';
      const stats = {
        ...(q?.Statistics?.TotalExecutionTimeInMillis !== undefined ? { elapsedMs: q.Statistics.TotalExecutionTimeInMillis } : {}),
        ...(q?.Statistics?.DataScannedInBytes !== undefined ? { scannedBytes: q.Statistics.DataScannedInBytes } : {}),
      };
      if (state === 'FAILED' || state === 'CANCELLED') {
        return { queryExecutionId: id, state, stateReason: q?.Status?.StateChangeReason ?? '', columns: [], rows: [], truncated: false, ...stats };
      }
      if (state === 'SUCCEEDED') {
        const pages: ResultSet[] = [];
        let token: string | undefined;
        let count = 0;
        do {
          const page = await cloud.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: Math.min(1000, maxRows + 1) }));
          if (page.ResultSet) pages.push(page.ResultSet);
          count += page.ResultSet?.Rows?.length ?? 0;
          token = page.NextToken;
        } while (token && count <= maxRows);
        const table = resultTable(pages);
        return {
          queryExecutionId: id,
          state,
          columns: table.columns,
          rows: table.rows.slice(0, maxRows),
          truncated: table.rows.length > maxRows || token !== undefined,
          ...stats,
        };
      }
      if (Date.now() > deadline) return { queryExecutionId: id, state, stateReason: 'still running; the console stopped waiting', columns: [], rows: [], truncated: false, ...stats };
      await sleep(delay);
      delay = Math.min(500, delay * 2);
    }
  } catch (err) {
    throw fromAws(err);
  }
}
