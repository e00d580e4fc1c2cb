/**
 * SSM Parameter Store (awsJson1.1, `AmazonSSM.*`): parameters from the
 * templates' `AWS::SSM::Parameter` and the API, with versions, selectors and
 * paths. The loader reads `AWS::SSM::Parameter::Value<…>` template parameters
 * through it.
 */
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { ParameterStore } from './parameters';

export * from './errors';

export interface SsmInstance extends ServiceInstance<'AWS::SSM::Parameter'> {
  readonly parameters: ParameterStore;
}

export const ssmService = defineService({
  name: 'ssm',
  signingName: 'ssm',
  protocol: 'awsJson1_1',
  targetPrefix: 'AmazonSSM',
  sdk: () => require('@aws-sdk/client-ssm') as SdkModule,
  resourceTypes: ['AWS::SSM::Parameter'],
  create: (cloud: Cloud): SsmInstance => {
    const parameters = new ParameterStore(cloud.dataDir('ssm'), cloud.config.region, cloud.config.accountId);
    return {
      parameters,
      operations: {
        PutParameter: (input) => parameters.put(input),
        GetParameter: (input) => parameters.get(input),
        GetParameters: (input) => parameters.getMany(input),
        GetParametersByPath: (input) => parameters.byPath(input),
        GetParameterHistory: (input) => parameters.history(input),
        DescribeParameters: (input) => parameters.describe(input),
        DeleteParameter: (input) => parameters.delete(input),
        DeleteParameters: (input) => parameters.deleteMany(input),
      },
      resources: {
        'AWS::SSM::Parameter': (resource: ResolvedResource) => {
          const p = resource.properties as { Name?: string; Type?: string; Value?: string; Description?: string; AllowedPattern?: string; Tier?: string; DataType?: string };
          const name = p.Name ?? resource.physicalName({ maxLength: 2048 }).replace(/[^A-Za-z0-9_.\-/]/g, '-');
          parameters.put({
            Name: name,
            Type: (p.Type ?? 'String') as 'String',
            Value: String(p.Value ?? ''),
            Overwrite: true,
            ...(p.Description !== undefined ? { Description: p.Description } : {}),
            ...(p.AllowedPattern !== undefined ? { AllowedPattern: p.AllowedPattern } : {}),
            ...(p.Tier ? { Tier: p.Tier as 'Standard' } : {}),
            ...(p.DataType ? { DataType: p.DataType } : {}),
          });
          return { ref: name, arn: parameters.arnOf(name), attributes: { Type: p.Type ?? 'String', Value: String(p.Value ?? '') } };
        },
      },
    };
  },
});
