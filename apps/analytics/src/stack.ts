import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { LakeCatalog } from './constructs/lake-catalog';
import { LakeDelivery } from './constructs/lake-delivery';
import { LakeStorage } from './constructs/lake-storage';
import { QueryWorkgroup } from './constructs/query-workgroup';

export interface AnalyticsStackProps extends StackProps {
  /** Glue database of the lake's tables. @default 'sma_analytics' */
  readonly glueDatabaseName?: string;
  /** First day (`YYYY-MM-DD`) the `dt` partition projection covers. @default '2022-01-01' */
  readonly lakeStartDate?: string;
  /** @default 'sma-analytics' */
  readonly athenaWorkGroupName?: string;
  /** Per-query scan limit of the workgroup, in bytes. @default 10 GiB */
  readonly athenaBytesScannedCutoffPerQuery?: number;
}

/**
 * The data lake: every event of the bus, redacted, as JSON lines in S3
 * partitioned by detail-type and day; Glue tables over them (the analysed
 * messages typed from the contract) and an Athena workgroup with saved queries.
 */
export class AnalyticsStack extends Stack {
  readonly storage: LakeStorage;
  readonly delivery: LakeDelivery;
  readonly catalog: LakeCatalog;
  readonly queries: QueryWorkgroup;

  constructor(scope: Construct, id: string, props: AnalyticsStackProps = {}) {
    super(scope, id, { description: 'Serverless Message Analyser: data lake of every event (Firehose, S3, Glue, Athena)', ...props });
    // S3 access logs are delivered under a bucket policy (AWS's recommendation) rather than the
    // log-delivery ACL, which owner-enforced buckets refuse. Set here so it holds in every app.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.storage = new LakeStorage(this, 'Storage');
    this.delivery = new LakeDelivery(this, 'Delivery', { bucket: this.storage.bucket });
    this.catalog = new LakeCatalog(this, 'Catalog', {
      bucket: this.storage.bucket,
      ...(props.glueDatabaseName ? { databaseName: props.glueDatabaseName } : {}),
      ...(props.lakeStartDate ? { projectionStartDate: props.lakeStartDate } : {}),
    });
    this.queries = new QueryWorkgroup(this, 'Queries', {
      databaseName: this.catalog.databaseName,
      accessLogs: this.storage.accessLogs,
      ...(props.athenaWorkGroupName ? { workGroupName: props.athenaWorkGroupName } : {}),
      ...(props.athenaBytesScannedCutoffPerQuery ? { bytesScannedCutoffPerQuery: props.athenaBytesScannedCutoffPerQuery } : {}),
    });
    for (const query of Object.values(this.queries.namedQueries)) query.node.addDependency(this.catalog.database);
  }
}
