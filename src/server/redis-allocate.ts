import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Tries `SET key value NX PX ttl` on each candidate key in order and stops at
 * the first that was free: returns {index (1-based), 0}. If none was free,
 * returns {0, smallest PTTL among them (-1 if unknown)} for Retry-After.
 * Running it as one script makes a chunk of candidates one round trip; each
 * SET NX is what keeps two allocations from ever sharing a live DNIS:ANI.
 */
export const ALLOCATE_SCRIPT = `
for i = 1, #KEYS do
  if redis.call('SET', KEYS[i], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return {i, 0}
  end
end
local soonest = -1
for i = 1, #KEYS do
  local t = redis.call('PTTL', KEYS[i])
  if t >= 0 and (soonest < 0 or t < soonest) then soonest = t end
end
return {0, soonest}
`;

export const ALLOCATE_SHA1 = createHash('sha1').update(ALLOCATE_SCRIPT).digest('hex');

/** Candidates per script call: bounds the work one call does inside Redis. */
export const ALLOCATE_CHUNK = 64;

export const AllocateReplySchema = z.tuple([z.number().int(), z.number().int()]);
