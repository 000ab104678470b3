import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A Lua script and its SHA1, for EVALSHA with an EVAL fallback. */
export interface RedisScript {
  readonly source: string;
  readonly sha1: string;
}

const script = (source: string): RedisScript => ({
  source,
  sha1: createHash('sha1').update(source).digest('hex'),
});

/**
 * Tries `SET key value NX PX ttl` on each candidate key in order and stops at
 * the first that was free: returns {index (1-based), 0}. If none was free,
 * returns {0, smallest PTTL among them (-1 if unknown)} for Retry-After.
 * Running it as one script makes a chunk of candidates one round trip; each
 * SET NX is what keeps two allocations from ever sharing a live DNIS:ANI.
 */
export const ALLOCATE = script(`
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
`);

/** Candidates per script call: bounds the work one call does inside Redis. */
export const ALLOCATE_CHUNK = 64;

export const AllocateReplySchema = z.tuple([z.number().int(), z.number().int()]);

/**
 * Fetch and delete in one step (GETDEL), also returning the PTTL the key had,
 * so a DELETE whose answer came too late can put the entry back as it was.
 * Returns false (null) when the key is not live.
 */
export const TAKE = script(`
local v = redis.call('GET', KEYS[1])
if not v then return false end
local t = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
return {v, t}
`);

/** [value, pttl] or null/false when there was no live entry. */
export const TakeReplySchema = z.union([z.null(), z.literal(false), z.tuple([z.string(), z.number().int()])]);

/**
 * Deletes the key only if it still holds this value: undoes an allocation
 * whose answer came after its request had already failed (503).
 */
export const RELEASE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** What runScript needs from a node-redis client. */
export interface ScriptClient {
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(source: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** EVALSHA, loading the script with EVAL when Redis does not know it (e.g. after a restart). */
export async function runScript(
  client: ScriptClient,
  s: RedisScript,
  keys: string[],
  args: string[],
): Promise<unknown> {
  try {
    return await client.evalSha(s.sha1, { keys, arguments: args });
  } catch (e: unknown) {
    if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
    return await client.eval(s.source, { keys, arguments: args });
  }
}
