export * from './affected/affected';
export * from './errors';
export * from './generators/service/generator';
export * from './release/release';
export * from './scratch/scratch-workspace';
