import { invalidPattern } from '../errors';
import { CidrSyntaxError, inCidr, looksLikeIp, parseCidr, parseIp } from '../text/ip';
import type { Condition } from '../types';

/** `{"cidr": "10.0.0.0/24"}` (or IPv6): a string leaf holding an address inside the block. */
export function cidrOperator(operand: unknown): Condition {
  // AWS's own wording for a non-string CIDR.
  if (typeof operand !== 'string') return invalidPattern('prefix match pattern must be a string');
  let block;
  try {
    block = parseCidr(operand);
  } catch (error) {
    if (error instanceof CidrSyntaxError) return invalidPattern(error.message);
    throw error;
  }
  return {
    test: (leaf) => {
      if (typeof leaf !== 'string' || !looksLikeIp(leaf)) return false;
      const address = parseIp(leaf);
      return address !== undefined && inCidr(block, address);
    },
  };
}
