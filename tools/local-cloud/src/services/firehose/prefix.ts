/**
 * Firehose's S3 object naming: custom prefixes with `!{namespace:value}`
 * expressions (timestamp, firehose:random-string / error-output-type,
 * partitionKeyFromLambda), the default `YYYY/MM/dd/HH/` prefixes, the rules
 * that tie them together (validated when a stream is created), and the object
 * name `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`. Pure.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidArgumentException } from './errors';
import { compileJavaPattern } from './java-time';

export type PrefixPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'timestamp'; readonly format: (ms: number, zone?: string) => string }
  | { readonly kind: 'random' }
  | { readonly kind: 'errorType' }
  | { readonly kind: 'partitionKey'; readonly key: string };

export interface CompiledPrefix {
  readonly text: string;
  readonly parts: readonly PrefixPart[];
  readonly partitionKeys: readonly string[];
  readonly usesTimestamp: boolean;
  readonly usesErrorType: boolean;
}

const EXPRESSION = /!\{([^:}]*):([^}]*)\}/g;

export function compilePrefix(text: string, where: 'Prefix' | 'ErrorOutputPrefix'): CompiledPrefix {
  const parts: PrefixPart[] = [];
  const keys: string[] = [];
  let last = 0;
  for (const m of text.matchAll(EXPRESSION)) {
    if (m.index! > last) parts.push({ kind: 'literal', text: text.slice(last, m.index) });
    const [, namespace, value] = m as unknown as [string, string, string];
    if (namespace === 'timestamp') parts.push({ kind: 'timestamp', format: compileJavaPattern(value) });
    else if (namespace === 'firehose' && value === 'random-string') parts.push({ kind: 'random' });
    else if (namespace === 'firehose' && value === 'error-output-type') {
      if (where === 'Prefix') throw new InvalidArgumentException('The expression !{firehose:error-output-type} may only be used in ErrorOutputPrefix.');
      parts.push({ kind: 'errorType' });
    } else if (namespace === 'partitionKeyFromLambda') {
      if (where === 'ErrorOutputPrefix') throw new InvalidArgumentException('Partition keys cannot be used in ErrorOutputPrefix.');
      parts.push({ kind: 'partitionKey', key: value });
      keys.push(value);
    } else if (namespace === 'partitionKeyFromQuery') {
      throw new InvalidArgumentException(`!{partitionKeyFromQuery:${value}} needs JQ metadata extraction, which the local cloud does not run: return the key from the processor Lambda and use !{partitionKeyFromLambda:${value}}`);
    } else {
      throw new InvalidArgumentException(`The expression !{${namespace}:${value}} in ${where} is not valid.`);
    }
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'literal', text: text.slice(last) });
  if (/!\{/.test(parts.filter((p) => p.kind === 'literal').map((p) => (p as { text: string }).text).join(''))) {
    throw new InvalidArgumentException(`${where} "${text}" has an unterminated !{ expression.`);
  }
  return {
    text,
    parts,
    partitionKeys: keys,
    usesTimestamp: parts.some((p) => p.kind === 'timestamp'),
    usesErrorType: parts.some((p) => p.kind === 'errorType'),
  };
}

/** Firehose's checks on a destination's two prefixes. */
export function checkPrefixes(prefix: CompiledPrefix, errorPrefix: CompiledPrefix | undefined, dynamicPartitioning: boolean): void {
  const hasExpressions = prefix.parts.some((p) => p.kind !== 'literal');
  if (hasExpressions && !errorPrefix) {
    throw new InvalidArgumentException('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.');
  }
  if (dynamicPartitioning && !errorPrefix) throw new InvalidArgumentException('ErrorOutputPrefix cannot be null or empty when dynamic partitioning is enabled.');
  if (prefix.partitionKeys.length > 0 && !dynamicPartitioning) {
    throw new InvalidArgumentException('Partition keys in Prefix need dynamic partitioning to be enabled.');
  }
  if (dynamicPartitioning && prefix.partitionKeys.length === 0) {
    throw new InvalidArgumentException('When dynamic partitioning is enabled, Prefix must contain at least one !{partitionKeyFromLambda:...} expression.');
  }
}

export interface PrefixValues {
  /** Approximate arrival time of the oldest record in the object (epoch ms). */
  readonly oldestArrival: number;
  readonly zone?: string;
  readonly partitionKeys?: Readonly<Record<string, string>>;
  readonly errorType?: string;
}

/** Evaluates a prefix; a missing partition key throws (the record goes to the error output). */
export function evaluatePrefix(prefix: CompiledPrefix, values: PrefixValues): string {
  return prefix.parts
    .map((p) => {
      switch (p.kind) {
        case 'literal':
          return p.text;
        case 'timestamp':
          return p.format(values.oldestArrival, values.zone);
        case 'random':
          return randomBytes(8).toString('base64url').slice(0, 11);
        case 'errorType':
          return values.errorType ?? 'processing-failed';
        case 'partitionKey': {
          const value = values.partitionKeys?.[p.key];
          if (value === undefined) throw new InvalidArgumentException(`partition key "${p.key}" is missing from the processor's metadata`);
          return value;
        }
      }
    })
    .join('');
}

const defaultTime = compileJavaPattern("yyyy'/'MM'/'dd'/'HH'/'");

/**
 * The key prefix of an object: the evaluated custom prefix, with Firehose's
 * `YYYY/MM/dd/HH/` appended when the custom prefix has no timestamp (and no
 * partition keys), or the default prefixes when none is set.
 */
export function objectPrefix(prefix: CompiledPrefix | undefined, values: PrefixValues, errorOutput: boolean): string {
  if (!prefix) return `${errorOutput ? `${values.errorType ?? 'processing-failed'}/` : ''}${defaultTime(values.oldestArrival, values.zone)}`;
  const evaluated = evaluatePrefix(prefix, values);
  const needsTime = !prefix.usesTimestamp && prefix.partitionKeys.length === 0 && !prefix.parts.some((p) => p.kind === 'random');
  return needsTime ? `${evaluated}${defaultTime(values.oldestArrival, values.zone)}` : evaluated;
}

const nameTime = compileJavaPattern('yyyy-MM-dd-HH-mm-ss');

export function objectName(stream: string, version: string, oldestArrival: number, extension: string, zone?: string): string {
  return `${stream}-${version}-${nameTime(oldestArrival, zone)}-${randomUUID()}${extension}`;
}
