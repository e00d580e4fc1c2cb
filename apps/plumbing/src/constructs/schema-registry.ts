import * as eventschemas from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import { CONTRACTS, DETAIL_TYPES, METRIC_NAMESPACE, eventJsonSchema, type DetailType } from '@sma/contracts';

export interface ContractSchemaRegistryProps {
  /** @default 'ServerlessMessageAnalyser' */
  readonly registryName?: string;
}

/**
 * An EventBridge Schema Registry holding one schema per contract, generated
 * from the zod schemas at synth time: the registry can never drift from the code.
 */
export class ContractSchemaRegistry extends Construct {
  readonly registry: eventschemas.CfnRegistry;
  readonly schemas: Readonly<Record<DetailType, eventschemas.CfnSchema>>;

  constructor(scope: Construct, id: string, props: ContractSchemaRegistryProps = {}) {
    super(scope, id);
    this.registry = new eventschemas.CfnRegistry(this, 'Registry', {
      registryName: props.registryName ?? METRIC_NAMESPACE,
      description: 'Event contracts of the Serverless Message Analyser (generated from @sma/contracts)',
    });
    this.schemas = Object.fromEntries(
      DETAIL_TYPES.map((detailType) => {
        const schema = new eventschemas.CfnSchema(this, detailType, {
          registryName: this.registry.attrRegistryName,
          schemaName: `${CONTRACTS[detailType].source}@${detailType}`,
          type: 'JSONSchemaDraft4',
          description: CONTRACTS[detailType].description,
          content: JSON.stringify(eventJsonSchema(detailType)),
        });
        return [detailType, schema];
      }),
    ) as Record<DetailType, eventschemas.CfnSchema>;
  }
}
