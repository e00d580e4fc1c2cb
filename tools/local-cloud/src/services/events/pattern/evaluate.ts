import type { FlatEvent, Membership, SubRule } from './types';

/** Do two leaves' array memberships agree on every array they share? */
function consistent(constraint: Membership | undefined, membership: Membership | undefined): boolean {
  if (!constraint || !membership) return true;
  for (let j = 0; j < membership.length; j += 2) {
    for (let k = 0; k < constraint.length; k += 2) {
      if (constraint[k] === membership[j] && constraint[k + 1] !== membership[j + 1]) return false;
    }
  }
  return true;
}

function merge(constraint: Membership | undefined, membership: Membership | undefined): Membership | undefined {
  if (!membership) return constraint;
  if (!constraint) return membership;
  const out = [...constraint];
  for (let j = 0; j < membership.length; j += 2) {
    let known = false;
    for (let k = 0; k < out.length; k += 2) if (out[k] === membership[j]) known = true;
    if (!known) out.push(membership[j]!, membership[j + 1]!);
  }
  return out;
}

/** When at most one field reads leaves inside array elements, no choice constrains another: each field is decided on its own. */
function matchIndependently(fields: SubRule, event: FlatEvent): boolean {
  for (const field of fields) {
    const leaves = event.leaves.get(field.path);
    if (!leaves) {
      if (!field.absentOk) return false;
      continue;
    }
    const test = field.test;
    if (!test) return false;
    let found = false;
    for (const leaf of leaves) {
      if (test(leaf.value)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function search(fields: SubRule, i: number, event: FlatEvent, constraint: Membership | undefined, failed: Set<string>): boolean {
  if (i === fields.length) return true;
  const memo = constraint ? `${i}|${constraint.join(',')}` : `${i}|`;
  if (failed.has(memo)) return false;
  const field = fields[i]!;
  const leaves = event.leaves.get(field.path) ?? [];
  if (field.absentOk && !leaves.some((leaf) => consistent(constraint, leaf.membership)) && search(fields, i + 1, event, constraint, failed)) {
    return true;
  }
  const test = field.test;
  if (test) {
    for (const leaf of leaves) {
      if (!consistent(constraint, leaf.membership) || !test(leaf.value)) continue;
      if (search(fields, i + 1, event, merge(constraint, leaf.membership), failed)) return true;
    }
  }
  failed.add(memo);
  return false;
}

/**
 * Does a sub-rule match? Its fields are taken in path order. Each field must
 * have a leaf that passes its test and that is array-consistent with the leaves
 * chosen for the fields before it; a field that allows absence may instead
 * have no leaf consistent with those choices. Choices are backtracked, and
 * dead ends are remembered so that large arrays stay polynomial.
 */
export function matchSubRule(fields: SubRule, event: FlatEvent): boolean {
  if (event.nestedPaths.size > 0) {
    let nested = 0;
    for (const field of fields) if (event.nestedPaths.has(field.path)) nested++;
    if (nested > 1) return search(fields, 0, event, undefined, new Set());
  }
  return matchIndependently(fields, event);
}
