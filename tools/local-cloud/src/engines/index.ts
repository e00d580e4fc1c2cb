export * from './errors';
export type * from './types';
export * from './comprehend';
export * from './rekognition';
export * from './lex';
