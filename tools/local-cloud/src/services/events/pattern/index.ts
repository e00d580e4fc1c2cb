export { compilePattern, matchesPattern, validatePattern, type CompiledPattern } from './compile';
export { createRuleMatcher, type RuleDefinition, type RuleMatcher } from './rule-matcher';
export { EventBridgeError, InvalidEventPatternException, ValidationException } from './errors';
export { MAX_OR_COMBINATIONS } from './structure';
export { MAX_WILDCARD_COMPLEXITY } from './complexity';
export { MAX_EVENT_PATTERN_LENGTH, type Scalar } from './json';
