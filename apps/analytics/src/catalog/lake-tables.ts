import { DETAIL_TYPES, detailJsonSchema } from '@sma/contracts';
import { LAKE_PREFIX, partitionPrefix } from '../lake/partition';
import { hiveTypeOf, renderHiveType } from './hive-types';

/** The lake's tables. Typed by name, so a query module or construct cannot refer to one that does not exist. */
export const LAKE_TABLES = ['events', 'analysed_messages'] as const;
export type LakeTableName = (typeof LAKE_TABLES)[number];

export interface GlueColumn {
  readonly name: string;
  /** Hive type spelling, e.g. `struct<messageid:string>`. */
  readonly type: string;
  readonly comment: string;
}

/** Everything Glue needs for one table, independent of CDK. */
export interface LakeTableDefinition {
  readonly name: LakeTableName;
  readonly description: string;
  readonly columns: readonly GlueColumn[];
  readonly partitionKeys: readonly GlueColumn[];
  /** `s3://bucket/prefix/` of the table's data. */
  readonly location: string;
  /** Table parameters: partition projection (no crawler, no `MSCK REPAIR`) and the JSON classification. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The OpenX JSON SerDe's parameters. */
  readonly serdeParameters: Readonly<Record<string, string>>;
}

export interface LakeTableSettings {
  /** `s3://<lake bucket>/`, with the trailing slash. */
  readonly lakeUrl: string;
  /** First day the `dt` projection covers (`YYYY-MM-DD`); it runs to today (`NOW`). */
  readonly projectionStartDate: string;
}

/**
 * The EventBridge envelope of every lake line. `detail-type` is not a column:
 * it is the `detail_type` partition (Hive cannot name a column with a dash,
 * and a column may not share a partition key's name). `replay-name` is mapped
 * to `replay_name` by the SerDe.
 */
const ENVELOPE: readonly GlueColumn[] = [
  { name: 'version', type: 'string', comment: 'EventBridge envelope version' },
  { name: 'id', type: 'string', comment: 'EventBridge event id: the same for a redelivery and a replay, the key to deduplicate on' },
  { name: 'source', type: 'string', comment: 'Who put the event on the bus (the contract source)' },
  { name: 'account', type: 'string', comment: 'AWS account of the bus' },
  { name: 'time', type: 'string', comment: 'When the event happened (ISO 8601); dt is its UTC date' },
  { name: 'region', type: 'string', comment: 'AWS Region of the bus' },
  { name: 'resources', type: 'array<string>', comment: 'ARNs the event concerns' },
  { name: 'replay_name', type: 'string', comment: 'Archive replay that re-delivered this event, if any' },
];

const DT: GlueColumn = { name: 'dt', type: 'string', comment: 'UTC date of the event time, YYYY-MM-DD (partition)' };
const DETAIL_TYPE: GlueColumn = { name: 'detail_type', type: 'string', comment: 'EventBridge detail-type (partition)' };

const SERDE_PARAMETERS = {
  'serialization.format': '1',
  // JSON keys are matched to the lower-case column and struct field names.
  'case.insensitive': 'TRUE',
  'mapping.replay_name': 'replay-name',
  // A malformed line fails the query rather than reading as a row of nulls: nothing disappears silently.
  'ignore.malformed.json': 'FALSE',
} as const;

const dateProjection = (startDate: string) => ({
  'projection.dt.type': 'date',
  'projection.dt.format': 'yyyy-MM-dd',
  'projection.dt.range': `${startDate},NOW`,
  'projection.dt.interval': '1',
  'projection.dt.interval.unit': 'DAYS',
});

/** The Hive type of `MESSAGE_ANALYSED`'s detail, derived from the contract's JSON Schema (never written by hand). */
export function analysedMessageDetailType(): string {
  return renderHiveType(hiveTypeOf(detailJsonSchema('MESSAGE_ANALYSED')));
}

export function lakeTableDefinitions(settings: LakeTableSettings): Readonly<Record<LakeTableName, LakeTableDefinition>> {
  const { lakeUrl, projectionStartDate } = settings;
  const analysedPrefix = `${lakeUrl}${LAKE_PREFIX}detail_type=MESSAGE_ANALYSED/`;
  return {
    events: {
      name: 'events',
      description: 'Every event of the Plumbing bus, one JSON line each, personal data redacted; detail kept as JSON text',
      columns: [...ENVELOPE, { name: 'detail', type: 'string', comment: 'The detail as JSON text (use json_extract_scalar)' }],
      partitionKeys: [DETAIL_TYPE, DT],
      location: `${lakeUrl}${LAKE_PREFIX}`,
      parameters: {
        classification: 'json',
        EXTERNAL: 'TRUE',
        'projection.enabled': 'true',
        'projection.detail_type.type': 'enum',
        'projection.detail_type.values': DETAIL_TYPES.join(','),
        ...dateProjection(projectionStartDate),
        'storage.location.template': `${lakeUrl}${partitionPrefix({ detail_type: '${detail_type}', dt: '${dt}' })}`,
      },
      serdeParameters: SERDE_PARAMETERS,
    },
    analysed_messages: {
      name: 'analysed_messages',
      description: 'MESSAGE_ANALYSED events with their detail typed from the contract (structs and arrays), personal data redacted',
      columns: [
        ...ENVELOPE,
        { name: 'detail', type: analysedMessageDetailType(), comment: 'The MESSAGE_ANALYSED detail, typed from @sma/contracts' },
      ],
      partitionKeys: [DT],
      location: analysedPrefix,
      parameters: {
        classification: 'json',
        EXTERNAL: 'TRUE',
        'projection.enabled': 'true',
        ...dateProjection(projectionStartDate),
        'storage.location.template': `${analysedPrefix}dt=\${dt}/`,
      },
      serdeParameters: SERDE_PARAMETERS,
    },
  };
}
