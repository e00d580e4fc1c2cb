export * from './bus';
export * from './bus-rule';
export * from './dead-letter-queue';
export * from './errors';
export * from './handler-function';
export * from './workspace';
export * from './environment';
export * from './shared-buckets';
