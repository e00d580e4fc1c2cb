/**
 * The local cloud as `npm start` runs it: every emulated service (the catalog), the
 * stacks of every synthesized app, the fakes, and the region the templates were
 * synthesized for.
 */
import type { ServiceCatalog } from './core/catalog';
import type { ServiceDefinition, ServiceName } from './core/service';
import type { CloudConfigInput } from './core/config';
import { AssemblyError } from './core/errors';
import { LocalCloud, type Component } from './core/runtime';
import { fakesComponent } from './fakes';
import { chooseEnvironment, discoverAssemblies, readAssemblies, stackLoader } from './loader';
import { apigatewayService } from './services/apigateway';
import { athenaService } from './services/athena';
import { comprehendService } from './services/comprehend';
import { dynamodbService } from './services/dynamodb';
import { eventsService } from './services/events';
import { firehoseService } from './services/firehose';
import { glueService } from './services/glue';
import { lambdaService } from './services/lambda';
import { lexService } from './services/lex';
import { lexModelsService } from './services/lexmodels';
import { logsService } from './services/logs';
import { rekognitionService } from './services/rekognition';
import { s3Service } from './services/s3';
import { secretsManagerService } from './services/secretsmanager';
import { snsService } from './services/sns';
import { sqsService } from './services/sqs';
import { ssmService } from './services/ssm';
import { statesService } from './services/stepfunctions';

/**
 * Every emulated service, each with its definition: the type requires one for every name
 * of the `ServiceName` union, so a service cannot be named without being built.
 */
export const SERVICES: { readonly [N in ServiceName]: ServiceDefinition } = {
  // Created in this order and stopped in the reverse one: a service stops before those it
  // calls (API Gateway, EventBridge, Step Functions, Firehose, SNS and Lex before Lambda;
  // Lambda before the logs and storage it writes to).
  logs: logsService,
  s3: s3Service,
  dynamodb: dynamodbService,
  sqs: sqsService,
  secretsmanager: secretsManagerService,
  ssm: ssmService,
  glue: glueService,
  athena: athenaService,
  comprehend: comprehendService,
  rekognition: rekognitionService,
  lambda: lambdaService,
  lex: lexService,
  lexmodels: lexModelsService,
  sns: snsService,
  firehose: firehoseService,
  states: statesService,
  events: eventsService,
  apigateway: apigatewayService,
};

export interface StartLocalCloudOptions extends CloudConfigInput {
  /** @default SERVICES */
  readonly services?: ServiceCatalog;
  /** Extra components (the console). The fakes are always there. */
  readonly components?: readonly Component[];
}

/**
 * Starts the local cloud with the stacks of every app synthesized under
 * `<workspaceRoot>/dist/apps/<app>/cdk.out` (or `assemblies`).
 */
export async function startLocalCloud(options: StartLocalCloudOptions): Promise<LocalCloud> {
  const dirs = options.assemblies ?? discoverAssemblies(options.workspaceRoot);
  if (dirs.length === 0) throw new AssemblyError(`No cloud assembly under ${options.workspaceRoot}/dist/apps/*/cdk.out: run \`npx nx run-many -t synth\` first`);
  const stacks = readAssemblies(dirs);
  const env = chooseEnvironment(stacks, { ...(options.region ? { region: options.region } : {}), ...(options.accountId ? { accountId: options.accountId } : {}) });
  return LocalCloud.start(
    { ...options, ...(env.region ? { region: env.region } : {}), ...(env.accountId ? { accountId: env.accountId } : {}), assemblies: dirs },
    { catalog: options.services ?? SERVICES, loader: stackLoader(stacks), components: [fakesComponent(), ...(options.components ?? [])] },
  );
}
