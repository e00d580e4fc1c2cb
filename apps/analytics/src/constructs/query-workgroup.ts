import { Duration } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { NAMED_QUERIES, NAMED_QUERY_IDS, namedQuerySql, type NamedQueryId } from '../queries/named-queries';
import { secureBucket } from './secure-bucket';

export interface QueryWorkgroupProps {
  /** The Glue database the named queries run in. */
  readonly databaseName: string;
  /** Where S3 writes the result bucket's access logs. */
  readonly accessLogs: s3.IBucket;
  /** @default 'sma-analytics' */
  readonly workGroupName?: string;
  /** A query that would scan more than this is cancelled (a cost guard). @default 10 GiB */
  readonly bytesScannedCutoffPerQuery?: number;
  /** How long query results are kept. @default Duration.days(30) */
  readonly resultRetention?: Duration;
}

/**
 * An Athena workgroup (engine 3) whose settings are enforced: results go to
 * its own encrypted bucket (SSE-S3), every query is capped in bytes scanned and
 * reported to CloudWatch; and the lake's saved queries.
 */
export class QueryWorkgroup extends Construct {
  readonly workGroup: athena.CfnWorkGroup;
  readonly results: s3.Bucket;
  readonly namedQueries: Readonly<Record<NamedQueryId, athena.CfnNamedQuery>>;

  constructor(scope: Construct, id: string, props: QueryWorkgroupProps) {
    super(scope, id);
    this.results = secureBucket(this, 'Results', {
      accessLogs: { bucket: props.accessLogs, prefix: 'athena-results/' },
      lifecycleRules: [{ id: 'expire-results', expiration: props.resultRetention ?? Duration.days(30) }],
    });
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.workGroupName ?? 'sma-analytics',
      description: 'Ad-hoc queries over the Serverless Message Analyser data lake',
      state: 'ENABLED',
      // Nothing lives in the workgroup but its settings and saved queries; the results bucket is retained.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.results.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
    this.namedQueries = Object.fromEntries(
      NAMED_QUERY_IDS.map((queryId) => {
        const query = new athena.CfnNamedQuery(this, queryId, {
          name: NAMED_QUERIES[queryId].name,
          description: NAMED_QUERIES[queryId].description,
          database: props.databaseName,
          workGroup: this.workGroup.ref,
          queryString: namedQuerySql(queryId),
        });
        return [queryId, query];
      }),
    ) as Record<NamedQueryId, athena.CfnNamedQuery>;
  }
}
