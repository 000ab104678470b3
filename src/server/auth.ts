import { createHash, timingSafeEqual } from 'node:crypto';
import type { CacheUser } from './config-schema.ts';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * HTTP Basic auth against configured users. Both sides are hashed to equal-length
 * digests and compared with timingSafeEqual against every user (no early exit),
 * so timing reveals neither the password nor which user matched.
 * Returns the user name, or undefined.
 */
export function createBasicAuth(
  users: readonly CacheUser[],
): (authorization: string | undefined) => string | undefined {
  const known = users.map((u) => ({ user: u.user, digest: digest(`${u.user}:${u.password}`) }));
  return (authorization) => {
    if (authorization === undefined || authorization.length > 1024) return undefined;
    const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(authorization);
    if (match?.[1] === undefined) return undefined;
    const presented = digest(Buffer.from(match[1], 'base64').toString('utf8'));
    let found: string | undefined;
    for (const k of known) {
      if (timingSafeEqual(presented, k.digest)) found ??= k.user;
    }
    return found;
  };
}

export const WWW_AUTHENTICATE = 'Basic realm="cticache", charset="UTF-8"';
