/**
 * HTTP Digest (RFC 2617 / RFC 3261 §22) for sandbox REGISTERs: MD5, qop=auth.
 * Nonces are stateless (timestamp + HMAC), valid for NONCE_TTL_MS. Only REGISTER
 * is challenged: the sandbox trusts whoever holds an open WebSocket afterwards.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const NONCE_TTL_MS = 5 * 60_000;

export type DigestVerdict = 'ok' | 'missing' | 'stale' | 'forbidden';

const authorizationSchema = z.object({
  username: z.string().min(1).max(64),
  realm: z.string(),
  nonce: z.string().max(128),
  uri: z.string().min(1).max(512),
  response: z.string().regex(/^[0-9a-f]{32}$/i),
  qop: z.literal('auth').optional(),
  nc: z
    .string()
    .regex(/^[0-9a-f]{8}$/i)
    .optional(),
  cnonce: z.string().max(256).optional(),
  algorithm: z.literal('MD5').optional(),
});
type Authorization = z.infer<typeof authorizationSchema>;

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Parse `Digest k=v, k="v", …` into a validated record, or undefined. */
export function parseAuthorization(value: string): Authorization | undefined {
  const match = /^Digest\s+(.*)$/is.exec(value.trim());
  if (!match?.[1]) return undefined;
  const fields: Record<string, string> = {};
  const pair = /\s*([A-Za-z-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,]+)\s*(?:,|$)/gy;
  const rest = match[1];
  pair.lastIndex = 0;
  for (let m = pair.exec(rest); m; m = pair.exec(rest)) {
    if (m[1]) fields[m[1].toLowerCase()] = m[3] ?? m[2] ?? '';
    if (pair.lastIndex >= rest.length) break;
  }
  const parsed = authorizationSchema.safeParse(fields);
  return parsed.success ? parsed.data : undefined;
}

export class DigestAuthenticator {
  readonly #secret = randomBytes(32);

  constructor(
    readonly realm: string,
    private readonly passwordOf: (user: string) => string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The WWW-Authenticate value of a 401. */
  challenge(stale = false): string {
    const nonce = this.#nonce(this.now());
    return `Digest realm="${this.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
  }

  /** Check the Authorization header of `method` sent for AOR user `user`. */
  verify(method: string, user: string, header: string | undefined): DigestVerdict {
    if (header === undefined) return 'missing';
    const auth = parseAuthorization(header);
    if (!auth || auth.realm !== this.realm) return 'missing';
    const password = this.passwordOf(auth.username);
    // The credentials must be for the AOR being registered.
    if (password === undefined || auth.username !== user) return 'forbidden';
    const nonceState = this.#checkNonce(auth.nonce);
    if (nonceState === 'invalid') return 'missing';
    const ha1 = md5(`${auth.username}:${this.realm}:${password}`);
    const ha2 = md5(`${method}:${auth.uri}`);
    const expected =
      auth.qop === 'auth'
        ? md5(`${ha1}:${auth.nonce}:${auth.nc ?? ''}:${auth.cnonce ?? ''}:auth:${ha2}`)
        : md5(`${ha1}:${auth.nonce}:${ha2}`);
    const good = timingSafeEqual(Buffer.from(expected), Buffer.from(auth.response.toLowerCase()));
    if (!good) return 'forbidden';
    return nonceState === 'stale' ? 'stale' : 'ok';
  }

  #nonce(at: number): string {
    const stamp = at.toString(36);
    return `${stamp}.${createHmac('sha256', this.#secret).update(stamp).digest('hex').slice(0, 32)}`;
  }

  #checkNonce(nonce: string): 'fresh' | 'stale' | 'invalid' {
    const [stamp] = nonce.split('.');
    const at = stamp === undefined ? Number.NaN : parseInt(stamp, 36);
    if (!Number.isFinite(at) || this.#nonce(at) !== nonce) return 'invalid';
    return this.now() - at > NONCE_TTL_MS ? 'stale' : 'fresh';
  }
}
