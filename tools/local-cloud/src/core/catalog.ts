/**
 * The catalog of emulated services. Typed by the `ServiceName` union: adding a name
 * without its entries here fails to compile. A catalog may leave a service out
 * (`undefined`: tests run the framework with only the services they need); a template
 * resource of that service then stops start-up naming it, and its requests answer
 * `NotImplemented`.
 */
import { SERVICE_NAMES, type ServiceDefinition, type ServiceName } from './service';

/** The Smithy namespace of each service's SDK schemas (routes in-process `send(command)` calls). */
export const SDK_NAMESPACES: { readonly [N in ServiceName]: string } = {
  lambda: 'com.amazonaws.lambda',
  apigateway: 'com.amazonaws.apigateway',
  states: 'com.amazonaws.sfn',
  events: 'com.amazonaws.eventbridge',
  s3: 'com.amazonaws.s3',
  dynamodb: 'com.amazonaws.dynamodb',
  sqs: 'com.amazonaws.sqs',
  sns: 'com.amazonaws.sns',
  firehose: 'com.amazonaws.firehose',
  logs: 'com.amazonaws.cloudwatchlogs',
  secretsmanager: 'com.amazonaws.secretsmanager',
  ssm: 'com.amazonaws.ssm',
  athena: 'com.amazonaws.athena',
  glue: 'com.amazonaws.glue',
  comprehend: 'com.amazonaws.comprehend',
  rekognition: 'com.amazonaws.rekognition',
  lex: 'com.amazonaws.lexruntimev2',
  lexmodels: 'com.amazonaws.lexmodelsv2',
};

/** The service whose SDK schemas live in this namespace. */
export function serviceOfNamespace(namespace: string): ServiceName | undefined {
  for (const [name, ns] of Object.entries(SDK_NAMESPACES)) if (ns === namespace) return name as ServiceName;
  return undefined;
}

/** Every service definition (see the file comment). */
export type ServiceCatalog = { readonly [N in ServiceName]: ServiceDefinition | undefined };

/** A catalog holding only the given services (tests run the framework with stand-ins). */
export function catalogOf(entries: Partial<Record<ServiceName, ServiceDefinition>>): ServiceCatalog {
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, entries[name]])) as ServiceCatalog;
}
