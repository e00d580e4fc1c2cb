/**
 * The documented per-function environment overlay (`tools/local-cloud/local-overrides.json`):
 * what must differ locally — egress pointed at the local X and Slack APIs, the media host
 * allowed for the image downloader — and nothing else. Keys select functions by construct
 * path (`Egress/Poster/*`), `Stack/LogicalId` or function name, `*` matching any run of
 * characters; values may use `${placeholders}` (see `placeholderValues`) and `${template}`,
 * the variable's value in the template.
 *
 * ```json
 * { "functions": { "Egress/Poster/*": { "environment": { "X_API_BASE_URL": "${fakes.x}" } } } }
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../../core/errors';
import type { FunctionConfig } from './function-config';

export interface OverridesFile {
  readonly functions?: Readonly<Record<string, { readonly environment?: Readonly<Record<string, string>>; readonly why?: string }>>;
}

export interface Overrides {
  readonly file: string;
  readonly rules: ReadonlyArray<{ readonly pattern: string; readonly regex: RegExp; readonly environment: Readonly<Record<string, string>> }>;
}

const globToRegex = (glob: string) => new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

export function readOverrides(file: string): Overrides {
  if (!existsSync(file)) return { file, rules: [] };
  let parsed: OverridesFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as OverridesFile;
  } catch (cause) {
    throw new ConfigError(`${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const rules = Object.entries(parsed.functions ?? {}).map(([pattern, rule]) => {
    for (const [k, v] of Object.entries(rule.environment ?? {})) {
      if (typeof v !== 'string') throw new ConfigError(`${file}: functions["${pattern}"].environment.${k} must be a string`);
    }
    return { pattern, regex: globToRegex(pattern), environment: rule.environment ?? {} };
  });
  return { file, rules };
}

/** Does a rule select this function? */
export function ruleMatches(regex: RegExp, fn: Pick<FunctionConfig, 'name' | 'stack' | 'logicalId' | 'path'>): boolean {
  return regex.test(fn.name) || regex.test(`${fn.stack}/${fn.logicalId}`) || (fn.path !== undefined && regex.test(fn.path));
}

/** Substitutes `${name}` placeholders; an unknown one is a configuration error. */
export function substitute(value: string, values: Readonly<Record<string, string>>, where: string): string {
  return value.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new ConfigError(`${where}: unknown placeholder \${${name}} (known: ${Object.keys(values).join(', ')})`);
    return v;
  });
}

/**
 * The overlay for one function: every matching rule's variables, later rules winning.
 * `${template}` stands for the variable's value in the template (to extend a list).
 */
export function overlayFor(overrides: Overrides, fn: FunctionConfig, values: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const rule of overrides.rules) {
    if (!ruleMatches(rule.regex, fn)) continue;
    for (const [k, v] of Object.entries(rule.environment)) {
      env[k] = substitute(v, { ...values, template: env[k] ?? fn.environment[k] ?? '' }, `${overrides.file} functions["${rule.pattern}"].${k}`);
    }
  }
  return env;
}

/**
 * Rules that select no function of a loaded stack: a renamed function or variable would
 * otherwise silently lose its local setting. (Rules for stacks not loaded are fine.)
 */
export function unusedRules(overrides: Overrides, functions: readonly FunctionConfig[]): string[] {
  const stacks = new Set(functions.map((f) => f.stack));
  return overrides.rules
    .filter((rule) => stacks.has(rule.pattern.split('/')[0]!) && !functions.some((f) => ruleMatches(rule.regex, f)))
    .map((rule) => rule.pattern);
}
