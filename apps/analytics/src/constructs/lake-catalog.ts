import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LAKE_TABLES, lakeTableDefinitions, type LakeTableName } from '../catalog/lake-tables';

export interface LakeCatalogProps {
  /** The lake bucket the tables read. */
  readonly bucket: s3.IBucket;
  /** The Glue database (lower case: Athena's identifiers are). @default 'sma_analytics' */
  readonly databaseName?: string;
  /** First day the `dt` partition projection covers (`YYYY-MM-DD`). @default '2022-01-01' */
  readonly projectionStartDate?: string;
}

/**
 * The Glue database and the lake's tables. Partition projection computes the
 * partitions from the table parameters (detail-types from the contracts,
 * dates up to today), so there is no crawler to run and no partition to add.
 */
export class LakeCatalog extends Construct {
  readonly database: glue.CfnDatabase;
  readonly databaseName: string;
  readonly tables: Readonly<Record<LakeTableName, glue.CfnTable>>;

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    const catalogId = Stack.of(this).account;
    this.databaseName = props.databaseName ?? 'sma_analytics';
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId,
      databaseInput: {
        name: this.databaseName,
        description: 'Serverless Message Analyser data lake: every event of the Plumbing bus, personal data redacted',
      },
    });
    const definitions = lakeTableDefinitions({
      lakeUrl: `s3://${props.bucket.bucketName}/`,
      projectionStartDate: props.projectionStartDate ?? '2022-01-01',
    });
    this.tables = Object.fromEntries(
      LAKE_TABLES.map((name) => {
        const table = definitions[name];
        const resource = new glue.CfnTable(this, name, {
          catalogId,
          databaseName: this.databaseName,
          tableInput: {
            name: table.name,
            description: table.description,
            tableType: 'EXTERNAL_TABLE',
            parameters: { ...table.parameters },
            partitionKeys: table.partitionKeys.map((c) => ({ ...c })),
            storageDescriptor: {
              location: table.location,
              columns: table.columns.map((c) => ({ ...c })),
              inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
              outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
              compressed: true,
              serdeInfo: {
                serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
                parameters: { ...table.serdeParameters },
              },
            },
          },
        });
        resource.node.addDependency(this.database);
        return [name, resource];
      }),
    ) as Record<LakeTableName, glue.CfnTable>;
  }
}
