/** The header codec's options: a zod/mini schema with defaults, so the phone config can embed it. */
import { z } from 'zod/mini';
import { CALL_DATA_LIMITS } from '../core/call-data.ts';
import { err, ok, type Result } from '../core/result.ts';
import { RESERVED_KEYS } from './bounded-json.ts';
import { isToken } from './header-syntax.ts';
import type { SafeParser } from './types.ts';

const int = (min: number, max: number, dflt: number) =>
  z._default(z.number().check(z.int(), z.gte(min), z.lte(max)), dflt);

/** A header name is an RFC 3261 token (§7.3.1, §25.1). */
const headerName = z
  .string()
  .check(z.maxLength(64), z.refine(isToken, 'must be a header name (RFC 3261 token)'));
const plainHeaderName = headerName.check(
  z.refine((n) => /^x-./i.test(n), 'must be an X-* header name with something after "X-"'),
  z.refine((n) => !RESERVED_KEYS.has(n.slice(2).toLowerCase()), 'would give a reserved key'),
);

const isSafeParser = (v: unknown): v is SafeParser =>
  typeof v === 'object' && v !== null && typeof (v as { safeParse?: unknown }).safeParse === 'function';

export const headerCodecOptionsSchema = z
  .object({
    /** Header holding a JSON object whose members become call data. */
    jsonHeader: z._default(headerName, 'X-Call-Data'),
    /**
     * Extra `X-*` headers read as plain text: `X-Account-Id: 42` gives `{ "account-id": "42" }`.
     * A plain header wins over a JSON member of the same key (it was configured by name).
     */
    plainHeaders: z._default(z.array(plainHeaderName).check(z.maxLength(32)), []),
    /** Most UTF-8 bytes in one header value; a longer value is dropped unread. */
    maxHeaderBytes: int(64, 65_536, 8192),
    /** Most UTF-8 bytes over all call-data header values of one request. */
    maxTotalBytes: int(64, 262_144, 16_384),
    /** Most nesting of the JSON header (the object itself is 1); the core's events allow 8. */
    maxDepth: int(1, CALL_DATA_LIMITS.depth, 8),
    /** Most object members plus array items in the JSON header, all levels together. */
    maxEntries: int(1, CALL_DATA_LIMITS.keys, 200),
    /** Read User-to-User headers (RFC 7433). */
    uui: z._default(z.boolean(), true),
    /** The host's own data shape (zod mini or classic); failing data is dropped (`invalid-data`). */
    dataSchema: z.optional(z.custom<SafeParser>(isSafeParser, 'must be a schema with safeParse()')),
  })
  .check(
    z.refine((o) => !o.plainHeaders.some((h) => h.toLowerCase() === o.jsonHeader.toLowerCase()), {
      message: 'the JSON header cannot also be a plain header',
      path: ['plainHeaders'],
    }),
    z.refine((o) => o.jsonHeader.toLowerCase() !== 'user-to-user', {
      message: 'User-to-User is read by RFC 7433, not as JSON',
      path: ['jsonHeader'],
    }),
  );

export type HeaderCodecOptionsInput = z.input<typeof headerCodecOptionsSchema>;
export type HeaderCodecOptions = z.output<typeof headerCodecOptionsSchema>;

export const defaultCodecOptions: HeaderCodecOptions = headerCodecOptionsSchema.parse({});

/** Applies the defaults and checks the bounds; one line per problem, naming the field. */
export function resolveCodecOptions(
  options?: Partial<HeaderCodecOptions>,
): Result<HeaderCodecOptions, readonly string[]> {
  // Parsed on every call (about 5 µs): no cache keyed on an object the caller may mutate.
  if (options === undefined) return ok(defaultCodecOptions);
  try {
    const r = headerCodecOptionsSchema.safeParse(options);
    if (r.success) return ok(r.data);
    return err(r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`));
  } catch {
    return err(['(options): not an options object']);
  }
}
