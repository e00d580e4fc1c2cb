/** The service framework: what a service implementation imports. */
export * from './activity';
export * from './arn';
export * from './catalog';
export type { Cloud, SdkCommand, SendOptions } from './cloud';
export * from './config';
export * from './errors';
export { ServiceHost, sdkStreamingBody } from './host';
export * from './http/types';
export { credentialScope, type CredentialScope } from './http/sigv4';
export { listen, type ListeningServer } from './http/server';
export * from './ids';
export * from './logger';
export * from './persistence';
export * from './protocols';
export * from './registry';
export type { LocalRoute } from './router';
export * from './runtime';
export * from './service';
