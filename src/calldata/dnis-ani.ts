/**
 * The called (DNIS) and calling (ANI) numbers of an incoming call, as seed 000's cache keys its
 * entries (`DNIS:ANI`). Candidates are tried in order and the first one that normalises wins:
 *   DNIS: the configured header's URI user (e.g. Diversion, P-Called-Party-ID), the Request-URI
 *         user, the To user;
 *   ANI:  P-Asserted-Identity's URI user(s) (RFC 3325 §9.1, often a sip and a tel URI), the From user.
 * An unusable candidate (an alphanumeric SIP user, say) falls through to the next. Never throws.
 */
import { splitOutside, unquote } from './header-syntax.ts';
import type { DnisAni, HeaderSource } from './types.ts';

export interface DnisAniInput {
  readonly requestUriUser?: string;
  readonly toUser?: string;
  readonly fromUser?: string;
  readonly headers: HeaderSource;
}

export interface DnisAniOptions {
  /** Header holding the called number, e.g. `Diversion` (RFC 5806) or `P-Called-Party-ID` (RFC 3455). */
  readonly dnisHeader?: string;
  /**
   * Which entry of that header to try first. Default: `last` for Diversion (RFC 5806 §4: each
   * redirection adds its entry on top, so the last is the number originally dialled), else `first`.
   */
  readonly dnisEntry?: 'first' | 'last';
}

/**
 * The cache service's own patterns (src/server/request-schemas.ts; copied, since calldata may not
 * import the server): an ANI is digits, `*`, `#` with an optional leading `+`, or `anonymous`;
 * a DNIS is 1 to 20 digits.
 */
const ANI = /^\+?[0-9*#]{1,32}$/;
const DNIS = /^[0-9]{1,20}$/;
/** RFC 3966 §3 visual-separator ("-" / "." / "(" / ")"), plus the spaces people type. */
const VISUAL_SEPARATORS = /[ \t\-.()\u00a0]/g;
/** Header values longer than this are not call routing data: skipped unread. */
const MAX_VALUE = 2048;
const MAX_ENTRIES = 16;

export function deriveDnisAni(input: DnisAniInput, options: DnisAniOptions = {}): DnisAni {
  try {
    const header = options.dnisHeader;
    const entry = options.dnisEntry ?? (header?.toLowerCase() === 'diversion' ? 'last' : 'first');
    const dnisCandidates = [
      ...(header === undefined ? [] : headerUsers(input.headers, header, entry)),
      input.requestUriUser,
      input.toUser,
    ];
    const aniCandidates = [...headerUsers(input.headers, 'P-Asserted-Identity', 'first'), input.fromUser];
    const dnis = firstOf(dnisCandidates, normaliseDnis);
    const ani = firstOf(aniCandidates, normaliseAni);
    return { ...(dnis === undefined ? {} : { dnis }), ...(ani === undefined ? {} : { ani }) };
  } catch {
    return {};
  }
}

function firstOf(candidates: readonly unknown[], normalise: (user: string) => string | undefined) {
  for (const c of candidates) {
    const n = typeof c === 'string' ? normalise(c) : undefined;
    if (n !== undefined) return n;
  }
  return undefined;
}

export function normaliseAni(user: string): string | undefined {
  const n = normaliseNumber(user);
  if (n === undefined) return undefined;
  if (n.toLowerCase() === 'anonymous') return 'anonymous';
  return ANI.test(n) ? n : undefined;
}

/** The cache's DNIS is digits only: an E.164 `+` is dropped (`+1 555…` keys as `1555…`). */
export function normaliseDnis(user: string): string | undefined {
  const n = normaliseNumber(user)?.replace(/^\+/, '');
  return n !== undefined && DNIS.test(n) ? n : undefined;
}

/** Percent-decoded (RFC 3261 §19.1.2 escapes), without `;params`, without visual separators. */
function normaliseNumber(user: string): string | undefined {
  if (user.length > 256) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(user);
  } catch {
    return undefined; // a broken %-escape
  }
  return decoded.split(';')[0]?.replace(VISUAL_SEPARATORS, '');
}

function headerUsers(headers: HeaderSource, name: string, entry: 'first' | 'last'): string[] {
  let values: unknown;
  try {
    values = headers.get(name);
  } catch {
    return [];
  }
  if (!Array.isArray(values)) return [];
  const entries: string[] = [];
  for (const v of values as unknown[]) {
    if (typeof v !== 'string' || v.length > MAX_VALUE) continue;
    entries.push(...splitOutside(v, ','));
    if (entries.length >= MAX_ENTRIES) break;
  }
  if (entry === 'last') entries.reverse();
  return entries.map(uriUser).filter((u): u is string => u !== undefined);
}

/**
 * The user part of a name-addr (`"Name" <sip:user@host;p>;hparam`) or addr-spec (`sip:user@host`,
 * `tel:+1-555`): the addr-spec form cannot carry URI params, so `;` ends it (RFC 3261 §20).
 */
export function uriUser(entry: string): string | undefined {
  let s = entry.trim();
  if (s.startsWith('"')) {
    const end = closingQuote(s);
    if (end < 0 || !unquote(s.slice(0, end + 1)).ok) return undefined;
    s = s.slice(end + 1).trim();
  }
  const lt = s.indexOf('<');
  if (lt >= 0) {
    const gt = s.indexOf('>', lt);
    if (gt < 0) return undefined;
    s = s.slice(lt + 1, gt).trim();
  } else s = s.split(';')[0] ?? '';
  const m = /^(sips?|tel):(.*)$/i.exec(s);
  if (m === null) return undefined;
  const [, scheme = '', rest = ''] = m;
  if (scheme.toLowerCase() === 'tel') return rest.split(';')[0];
  const at = rest.lastIndexOf('@');
  if (at <= 0) return undefined; // no user part
  return rest.slice(0, at).split(':')[0]; // drop a password (RFC 3261 §19.1.1)
}

function closingQuote(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}
