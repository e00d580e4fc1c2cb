import { eventInput } from '../pattern/json';
import { ValidationException } from './errors';
import { type CompiledInputTransformer, type InputTransformer, compileInputTransformer } from './input-transformer';
import { parseJsonPath, readJsonPath } from './json-path';
import type { TransformContext } from './reserved';

/** The input settings of a rule target, with AWS's field names (`PutTargets` / `AWS::Events::Rule` Targets). */
export interface TargetInputSettings {
  readonly Id?: string;
  /** A constant JSON text sent instead of the event. */
  readonly Input?: string;
  /** A JSONPath selecting the part of the event to send. */
  readonly InputPath?: string;
  readonly InputTransformer?: InputTransformer;
}

/** AWS's limit on a constant `Input`. */
export const MAX_INPUT_LENGTH = 8192;

/** A target's input compiled once; `render` gives the text the target receives for an event. */
export interface CompiledTargetInput {
  render(event: unknown, context: TransformContext): string;
}

/**
 * Checks a target's input settings the way `PutTargets` does and compiles them:
 * at most one of `Input` (valid JSON text, up to 8192 characters), `InputPath`
 * (EventBridge's JSONPath subset) and `InputTransformer`. Throws `ValidationException`.
 */
export function compileTargetInput(target: TargetInputSettings): CompiledTargetInput {
  const id = target.Id ?? '';
  const where = id ? ` for target ${id}` : '';
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((setting) => setting !== undefined);
  if (given.length > 1) throw new ValidationException(`Only one of Input, InputPath, or InputTransformer must be provided${where}.`);

  if (target.Input !== undefined) {
    const input = target.Input;
    if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH || !isJsonText(input)) {
      throw new ValidationException(`Input${where} is not a valid JSON text.`);
    }
    return { render: () => input };
  }
  if (target.InputPath !== undefined) {
    const path = typeof target.InputPath === 'string' ? parseJsonPath(target.InputPath) : undefined;
    if (!path) throw new ValidationException(`InputPath${where} is not a JSON path EventBridge supports.`);
    return {
      render: (event) => {
        const result = readJsonPath(path, eventInput(event));
        // A path that selects nothing sends JSON null.
        return result.found ? JSON.stringify(result.value) : 'null';
      },
    };
  }
  if (target.InputTransformer !== undefined) {
    const transformer: CompiledInputTransformer = compileInputTransformer(target.InputTransformer, id || undefined);
    return transformer;
  }
  return { render: (event) => JSON.stringify(eventInput(event)) };
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text a target receives for an event: the event itself, a constant
 * `Input`, the part `InputPath` selects, or what the `InputTransformer` makes.
 */
export function targetInput(target: TargetInputSettings, event: unknown, context: TransformContext): string {
  return compileTargetInput(target).render(event, context);
}
