/**
 * The lake as an analyst reads it: SQL through Athena (the local one runs it on DuckDB),
 * and the named queries the Analytics stack saves in its workgroup. For the end-to-end
 * tests and the benches.
 */
import {
  AthenaClient,
  GetNamedQueryCommand,
  GetQueryExecutionCommand,
  paginateGetQueryResults,
  paginateListNamedQueries,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { RunningCloud } from './harness';
import { resources } from './harness';

/** A named query of the Analytics stack's workgroup. */
export interface NamedQuery {
  readonly name: string;
  readonly database: string;
  readonly workGroup: string;
  readonly sql: string;
}

/** A result: the header row, then the data rows, every value as Athena's text. */
export type QueryRows = string[][];

/** The workgroup and database of the lake, from the Analytics stack as provisioned. */
export async function lakeContext(cloud: RunningCloud): Promise<{ workGroup: string; database: string }> {
  const analytics = (await resources(cloud)).filter((r) => r.stack === 'Analytics');
  const workGroup = analytics.find((r) => r.type === 'AWS::Athena::WorkGroup')?.ref;
  const database = analytics.find((r) => r.type === 'AWS::Glue::Database')?.ref;
  if (!workGroup || !database) throw new Error('The Analytics stack has no Athena workgroup or Glue database');
  return { workGroup, database };
}

/** Every named query of the lake's workgroup. */
export async function namedQueries(cloud: RunningCloud): Promise<NamedQuery[]> {
  const athena = new AthenaClient(cloud.sdk);
  const { workGroup } = await lakeContext(cloud);
  const queries: NamedQuery[] = [];
  for await (const page of paginateListNamedQueries({ client: athena }, { WorkGroup: workGroup })) {
    for (const id of page.NamedQueryIds ?? []) {
      const { NamedQuery: q } = await athena.send(new GetNamedQueryCommand({ NamedQueryId: id }));
      queries.push({ name: q!.Name!, database: q!.Database!, workGroup: q!.WorkGroup ?? workGroup, sql: q!.QueryString! });
    }
  }
  return queries.sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs one query to completion; throws with Athena's reason if it fails. */
export async function runQuery(cloud: RunningCloud, sql: string, context: { workGroup: string; database: string }): Promise<QueryRows> {
  const athena = new AthenaClient(cloud.sdk);
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: context.database }, WorkGroup: context.workGroup }),
  );
  for (;;) {
    const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    const state = QueryExecution!.Status!.State!;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') throw new Error(`Athena query ${state}: ${QueryExecution!.Status!.StateChangeReason ?? ''}\n${sql}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const rows: QueryRows = [];
  for await (const page of paginateGetQueryResults({ client: athena }, { QueryExecutionId })) {
    for (const row of page.ResultSet?.Rows ?? []) rows.push((row.Data ?? []).map((d) => d.VarCharValue ?? ''));
  }
  return rows;
}

/** A named query's result, and the lake tables its SQL reads. */
export interface NamedResult {
  readonly tables: readonly string[];
  readonly rows: QueryRows;
}

/** The tables a query reads (`FROM`/`JOIN` names; its own CTEs and `UNNEST(…)` left out). */
function tablesRead(sql: string): string[] {
  const text = sql.replace(/--[^\n]*/g, '');
  const ctes = new Set([...text.matchAll(/\b([a-z_]+)\s+AS\s*\(/gi)].map((m) => m[1]!.toLowerCase()));
  const read = [...text.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\b(?!\s*\()/gi)].map((m) => m[1]!.toLowerCase());
  return [...new Set(read.filter((t) => !ctes.has(t)))];
}

/** Every named query's result, by query name. */
export async function runNamedQueries(cloud: RunningCloud): Promise<Record<string, NamedResult>> {
  const results: Record<string, NamedResult> = {};
  for (const q of await namedQueries(cloud)) results[q.name] = { tables: tablesRead(q.sql), rows: await runQuery(cloud, q.sql, q) };
  return results;
}

/** Rows of the raw `events` table: every delivery the lake received, copies included. */
export async function lakeRowCount(cloud: RunningCloud, context: { workGroup: string; database: string }): Promise<number> {
  return Number((await runQuery(cloud, 'SELECT count(*) AS n FROM events', context))[1]![0]);
}

/** The one named query over the raw `events` table (events and deliveries per detail-type). */
export function eventsQueryOf(results: Record<string, NamedResult>): QueryRows {
  const over = Object.values(results).filter((r) => r.tables.includes('events'));
  if (over.length !== 1) throw new Error(`Expected one named query over the events table, found ${over.length}`);
  return over[0]!.rows;
}

/**
 * The results of the named queries over analysed messages, as counts: columns that are
 * times (`…_at`) left out, since a re-analysis moves the latest analysis time while the
 * counts must not move. (The query over raw events counts a replay's re-derived events
 * as the new events they are; see `eventsQueryOf`.)
 */
export function messageCounts(results: Record<string, NamedResult>): Record<string, QueryRows> {
  return Object.fromEntries(
    Object.entries(results)
      .filter(([, r]) => r.tables.length > 0 && r.tables.every((t) => t === 'analysed_messages'))
      .map(([name, { rows }]) => {
        const keep = (rows[0] ?? []).map((h, i) => (/_at$/.test(h) ? -1 : i)).filter((i) => i >= 0);
        return [name, rows.map((r) => keep.map((i) => r[i]!))];
      }),
  );
}
