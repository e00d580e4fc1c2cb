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

/** Every named query's result, by query name. */
export async function runNamedQueries(cloud: RunningCloud): Promise<Record<string, QueryRows>> {
  const results: Record<string, QueryRows> = {};
  for (const q of await namedQueries(cloud)) results[q.name] = await runQuery(cloud, q.sql, q);
  return results;
}
