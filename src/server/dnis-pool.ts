import { err, ok, type Result } from '../core/result.ts';

/** Upper bound on numbers in one pool: a pool is a list we pass around, not a number plan. */
export const MAX_POOL_SIZE = 100_000;

const NUMBER = /^\d{1,20}$/;

/**
 * Parses a DNIS pool spec: numbers and inclusive ranges, comma-separated,
 * e.g. `5551234560-5551234569,5559990000`. Ranges keep leading zeros and both
 * ends must have the same number of digits. Duplicates are dropped, order kept.
 */
export function parseDnisPool(spec: string | readonly string[]): Result<string[], string> {
  const parts = (typeof spec === 'string' ? spec.split(',') : spec.flatMap((s) => s.split(',')))
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) return err('pool is empty');
  const seen = new Set<string>();
  for (const part of parts) {
    const expanded = expandPart(part, MAX_POOL_SIZE - seen.size);
    if (!expanded.ok) return expanded;
    for (const n of expanded.value) seen.add(n);
  }
  return ok([...seen]);
}

function expandPart(part: string, room: number): Result<string[], string> {
  const dash = part.indexOf('-');
  if (dash < 0) {
    if (!NUMBER.test(part)) return err(`"${part}" is not a number (digits only)`);
    return room >= 1 ? ok([part]) : err(`pool has more than ${MAX_POOL_SIZE} numbers`);
  }
  const from = part.slice(0, dash).trim();
  const to = part.slice(dash + 1).trim();
  if (!NUMBER.test(from) || !NUMBER.test(to))
    return err(`"${part}" is not a range of numbers (e.g. 5551234560-5551234569)`);
  if (from.length !== to.length) return err(`range "${part}": both ends must have the same number of digits`);
  const start = BigInt(from);
  const end = BigInt(to);
  if (end < start) return err(`range "${part}": end is before start`);
  if (end - start + 1n > BigInt(room)) return err(`pool has more than ${MAX_POOL_SIZE} numbers`);
  const out: string[] = [];
  for (let n = start; n <= end; n++) out.push(n.toString().padStart(from.length, '0'));
  return ok(out);
}
