/** Identifiers the local cloud hands out. */
import { createHash, randomUUID } from 'node:crypto';

/** An AWS request id (a UUID, as most services use). */
export const requestId = (): string => randomUUID();

/** A stable hex digest of the parts (for deterministic ids and names). */
export function stableHash(parts: readonly string[], length = 16): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, length);
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A deterministic upper-case alphanumeric suffix, like CloudFormation's 12–13 character name suffixes. */
export function stableSuffix(parts: readonly string[], length = 13): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[digest[i]! % ALPHANUMERIC.length];
  return out;
}

/**
 * The physical name CloudFormation gives a resource whose template names none:
 * `<stack>-<logicalId>-<SUFFIX>`, shortened to the type's limit by trimming the
 * logical id (the suffix keeps it unique), lower-cased where the type demands.
 */
export function physicalName(
  stack: string,
  logicalId: string,
  options: { maxLength?: number; lowercase?: boolean; separator?: string } = {},
): string {
  const { maxLength = 64, lowercase = false, separator = '-' } = options;
  const suffix = stableSuffix([stack, logicalId]);
  const fixed = stack.length + suffix.length + 2 * separator.length;
  let id = logicalId;
  let st = stack;
  if (fixed + id.length > maxLength) {
    const room = Math.max(0, maxLength - fixed);
    id = id.slice(0, room);
    if (fixed > maxLength) st = stack.slice(0, Math.max(1, maxLength - suffix.length - 2 * separator.length - id.length));
  }
  const name = [st, id, suffix].filter(Boolean).join(separator);
  return lowercase ? name.toLowerCase() : name;
}
