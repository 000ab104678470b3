import { z } from 'zod/mini';

/**
 * Call data as the event vocabulary carries it: JSON objects bounded in depth, keys and size, so
 * that an event can always be validated, stored and rendered cheaply. The header codec and the
 * lookups produce values within these bounds; the schema checks them again at the core's door.
 */

export type CallDataValue = string | number | boolean | null | readonly CallDataValue[] | CallDataObject;
export interface CallDataObject {
  readonly [key: string]: CallDataValue;
}

/** Where a piece of call data came from. `headers`: the INVITE itself. */
export const callDataSources = ['headers', 'cache', 'crm'] as const;
export type CallDataSource = (typeof callDataSources)[number];
/** The sources that answer after the offer. */
export const lookupSources = ['cache', 'crm'] as const;
export type LookupSource = (typeof lookupSources)[number];

export const CALL_DATA_LIMITS = { depth: 8, keys: 500, stringLength: 8192 } as const;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks a value iteratively (no recursion: a hostile 10,000-deep value cannot exhaust the stack)
 * and says whether it is call data within the limits: plain objects and arrays, finite numbers,
 * bounded strings, no prototype-polluting keys.
 */
export function isCallDataObject(value: unknown, limits = CALL_DATA_LIMITS): value is CallDataObject {
  if (!isPlainObject(value)) return false;
  let keys = 0;
  const stack: { readonly v: unknown; readonly depth: number }[] = [{ v: value, depth: 1 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { v, depth } = item;
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > limits.stringLength) return false;
      continue;
    }
    if (depth > limits.depth) return false;
    if (Array.isArray(v)) {
      keys += v.length;
      if (keys > limits.keys) return false;
      for (const x of v as unknown[]) stack.push({ v: x, depth: depth + 1 });
      continue;
    }
    if (!isPlainObject(v)) return false;
    for (const [k, x] of Object.entries(v)) {
      if (++keys > limits.keys || FORBIDDEN_KEYS.has(k) || k.length > 256) return false;
      stack.push({ v: x, depth: depth + 1 });
    }
  }
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export const callDataObjectSchema = z.custom<CallDataObject>(
  (v) => isCallDataObject(v),
  'call data out of bounds',
);

const text = (max: number) => z.string().check(z.maxLength(max));

/** One User-to-User header (RFC 7433), decoded. */
export const userToUserSchema = z.object({
  data: text(4096),
  encoding: z.enum(['hex', 'text']),
  purpose: z.optional(text(64)),
  content: z.optional(text(64)),
});
export type UserToUser = z.infer<typeof userToUserSchema>;

/** A record in the CRM that the agent can open. Only http(s) links are accepted. */
export const crmRecordSchema = z.object({
  url: z.string().check(z.maxLength(2048), z.regex(/^https?:\/\//i, 'must be an http(s) URL')),
  label: text(256),
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

/** How a lookup ended: data, nothing known (404, empty), or unavailable (timeout, error, garbage). */
export const lookupStatuses = ['ok', 'none', 'unavailable'] as const;
export type LookupStatus = (typeof lookupStatuses)[number];
