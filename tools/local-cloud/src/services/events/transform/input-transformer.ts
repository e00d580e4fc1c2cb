import { eventInput, isJsonObject } from '../pattern/json';
import type { JsonObject } from '../pattern/json';
import { InvalidTargetInputError, ValidationException } from './errors';
import { type JsonPath, parseJsonPath, readJsonPath } from './json-path';
import { renderValue } from './render';
import { RESERVED, type Resolved, type TransformContext, isReservedVariable } from './reserved';
import { type ParsedTemplate, parseTemplate } from './template';

/** A target's `InputTransformer`, with AWS's field names. */
export interface InputTransformer {
  readonly InputPathsMap?: Readonly<Record<string, string>>;
  readonly InputTemplate?: string;
}

/** AWS's limits on an input transformer. */
export const MAX_INPUT_PATHS = 100;
export const MAX_INPUT_TEMPLATE_LENGTH = 8192;
const VARIABLE_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** An input transformer checked and compiled once; `render` runs per event. */
export interface CompiledInputTransformer {
  render(event: unknown, context: TransformContext): string;
}

const forTarget = (targetId: string | undefined) => (targetId ? ` for target ${targetId}` : '');

/**
 * Checks an `InputTransformer` the way `PutTargets` does and compiles it: a
 * template of 1–8192 characters, at most 100 variables named with letters,
 * digits, `_` and `-`, each mapped to a path in EventBridge's JSONPath subset,
 * and every `<placeholder>` either a variable or a reserved `aws.events.*` one,
 * never an object key. Throws `ValidationException`.
 */
export function compileInputTransformer(transformer: InputTransformer, targetId?: string): CompiledInputTransformer {
  const where = forTarget(targetId);
  const template = transformer.InputTemplate;
  if (template === undefined || template === null) {
    throw new ValidationException(`InputTemplate is required${where}: an InputTransformer without a template cannot use InputPathsMap.`);
  }
  if (typeof template !== 'string' || template.length < 1 || template.length > MAX_INPUT_TEMPLATE_LENGTH) {
    throw new ValidationException(`InputTemplate${where} must be a string of 1 to ${MAX_INPUT_TEMPLATE_LENGTH} characters.`);
  }
  const paths = compilePaths(transformer.InputPathsMap ?? {}, where);
  const parsed = parseTemplate(template);
  for (const name of parsed.names) {
    if (!paths.has(name) && !isReservedVariable(name)) {
      throw new ValidationException(`InputTemplate${where} contains invalid placeholder ${name}.`);
    }
  }
  for (const part of parsed.parts) {
    if ('name' in part && part.isKey) {
      throw new ValidationException(`InputTemplate${where} uses placeholder ${part.name} as an object key, which EventBridge does not allow.`);
    }
  }
  return { render: (event, context) => render(parsed, paths, eventInput(event), context) };
}

function compilePaths(map: unknown, where: string): Map<string, JsonPath> {
  if (!isJsonObject(map)) throw new ValidationException(`InputPathsMap${where} must be a map of variable names to JSON paths.`);
  const entries = Object.entries(map);
  if (entries.length > MAX_INPUT_PATHS) {
    throw new ValidationException(`InputPathsMap${where} has ${entries.length} variables; at most ${MAX_INPUT_PATHS} are allowed.`);
  }
  const paths = new Map<string, JsonPath>();
  for (const [name, source] of entries) {
    if (!VARIABLE_NAME.test(name)) {
      throw new ValidationException(`InputPathsMap${where}: variable name "${name}" must be 1 to 256 letters, digits, _ or -.`);
    }
    const path = typeof source === 'string' ? parseJsonPath(source) : undefined;
    if (!path) {
      throw new ValidationException(
        `InputPathsMap${where}: "${String(source)}" of variable ${name} is not a JSON path EventBridge supports ($, .name, [index], [*]; at most 256 characters).`,
      );
    }
    paths.set(name, path);
  }
  return paths;
}

function render(parsed: ParsedTemplate, paths: ReadonlyMap<string, JsonPath>, event: JsonObject, context: TransformContext): string {
  const values = new Map<string, Resolved>();
  const resolve = (name: string): Resolved => {
    let resolved = values.get(name);
    if (!resolved) {
      const path = paths.get(name);
      if (path) {
        const result = readJsonPath(path, event);
        resolved = result.found ? { kind: 'value', value: result.value } : { kind: 'missing' };
      } else {
        resolved = isReservedVariable(name) ? RESERVED[name](event, context) : { kind: 'missing' };
      }
      values.set(name, resolved);
    }
    return resolved;
  };
  let output = '';
  for (const part of parsed.parts) output += 'text' in part ? part.text : renderValue(resolve(part.name), part.context);
  if (parsed.json) {
    try {
      JSON.parse(output);
    } catch (cause) {
      throw new InvalidTargetInputError(output, { cause });
    }
  }
  return output;
}

/**
 * The input EventBridge sends a target for one event through an input
 * transformer (AWS's `InputPathsMap` / `InputTemplate`). Throws
 * `ValidationException` for a transformer `PutTargets` would refuse, and
 * `InvalidTargetInputError` when a JSON template's output is not JSON (the
 * delivery fails in AWS).
 */
export function transformInput(event: unknown, transformer: InputTransformer, context: TransformContext): string {
  return compileInputTransformer(transformer).render(event, context);
}
