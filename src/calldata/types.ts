/**
 * The call-data contract between the header codec (src/calldata/headers*.ts), the lookups (cache,
 * CRM) and the core's events. Pure types: no sip.js, no DOM.
 */

// The value types are the core's (its event schemas check them); re-exported for the codec.
import type { CallDataObject, UserToUser } from '../core/call-data.ts';
export type { CallDataObject, CallDataSource, CallDataValue, UserToUser } from '../core/call-data.ts';

/**
 * The header values of one incoming request, as the telephony adapter hands them over:
 * `get(name)` returns every value of that header (case-insensitive name, in order, raw as
 * received: untrusted), or an empty array.
 */
export interface HeaderSource {
  get(name: string): readonly string[];
}

/** A header the codec dropped; the call still rings with what was valid. */
export interface HeaderProblem {
  /** The header's name as configured (e.g. `X-Call-Data`, `User-to-User`). */
  readonly header: string;
  readonly code: 'too-large' | 'malformed' | 'invalid-data' | 'total-too-large';
  readonly message: string;
}

/** What the codec read from an incoming INVITE. */
export interface HeaderCallData {
  /** Key/value data from the JSON header and the configured plain `X-*` headers. */
  readonly data: CallDataObject;
  readonly uui: readonly UserToUser[];
  readonly problems: readonly HeaderProblem[];
}

/**
 * Anything with zod's `safeParse` (zod/mini or classic), for the host's own data shape. Its
 * output is re-checked by the codec, so a transform cannot smuggle non-JSON values through.
 */
export interface SafeParser {
  safeParse(input: unknown): { readonly success: boolean; readonly data?: unknown };
}

/** Why outgoing call-data headers could not be written. Nothing is sent in that case. */
export interface EncodeError {
  /** The header that failed (e.g. `X-Call-Data`, `User-to-User`). */
  readonly header: string;
  readonly code: 'too-large' | 'invalid-token' | 'invalid-data';
  readonly message: string;
}

/** The cache key parts of seed 000 (`DNIS:ANI`), normalised to what the cache service accepts. */
export interface DnisAni {
  readonly dnis?: string;
  readonly ani?: string;
}
