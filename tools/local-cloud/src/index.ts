/**
 * `@sma/local-cloud`: runs the synthesized stacks and built Lambda bundles of every
 * service on one machine behind an AWS-compatible endpoint.
 */
export { startLocalCloud, SERVICES, type StartLocalCloudOptions } from './local-cloud';
export * from './core';
export * from './loader';
export { matchesPattern, createRuleMatcher, transformInput, type BusEvent, type EventsApi, type EventTrace } from './services/events';
export { compileTargetInput, targetInput } from './services/events/transform';
export type { LambdaApi } from './services/lambda';
export type { StatesApi } from './services/stepfunctions';
export type { ApiGatewayApi } from './services/apigateway';
export { fakesComponent, FAKE_ROUTES, ensureDevSecrets, readDevSecrets, secretsFile, type FakesApi, type FakeRecord } from './fakes';
export { mentionDelivery, signDelivery, userIdOfAccessToken } from './fakes/x-activity';
export { LocalCloudClient, readRuntime, routeUrl, runtimeFile, type RuntimeInfo } from './cli/client';
