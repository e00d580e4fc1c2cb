export { transformInput, compileInputTransformer, type InputTransformer, type CompiledInputTransformer } from './input-transformer';
export { targetInput, compileTargetInput, type TargetInputSettings, type CompiledTargetInput } from './target-input';
export { type TransformContext, type ReservedVariable } from './reserved';
export { InvalidTargetInputError, ValidationException } from './errors';
export { MAX_INPUT_PATHS, MAX_INPUT_TEMPLATE_LENGTH } from './input-transformer';
export { MAX_INPUT_LENGTH } from './target-input';
