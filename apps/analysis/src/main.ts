import { App } from 'aws-cdk-lib';
import { deploymentEnvironment } from '@sma/cdk';
import { AnalysisStack } from './stack';

const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(key);
new AnalysisStack(app, 'Analysis', {
  env: deploymentEnvironment(),
  defaultLanguage: String(context('defaultLanguage') ?? 'en'),
  imageHosts: context('imageHosts') as string[] | undefined,
  imageConcurrency: Number(context('imageConcurrency') ?? 2),
  includeExecutionData: context('includeExecutionData') === true || context('includeExecutionData') === 'true',
});
