import assert from 'node:assert/strict';
import { isCallDataObject, userToUserSchema } from '../../src/core/call-data.ts';
import { MAX_PROBLEMS, type HeaderCallData, type HeaderSource } from '../../src/calldata/index.ts';

/**
 * A HeaderSource over raw `[name, value]` rows, case-insensitive like sip.js's
 * `request.getHeaders(name)`, values untouched (CR/LF, duplicates, any size: shared/NOTES.md).
 */
export function headersOf(...rows: readonly (readonly [string, string])[]): HeaderSource {
  return {
    get: (name) => rows.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v),
  };
}

/** The characters that must never reach rendered text (independent of the codec's own list). */
export const UNSAFE_FOR_TEXT =
  // eslint-disable-next-line no-control-regex -- that is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** Walks a value and calls `visit` on every string and key. */
export function everyText(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value as unknown[]) everyText(v, visit);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      visit(k);
      everyText(v, visit);
    }
  }
}

/** Every object in `value` (itself included) has Object.prototype as its prototype. */
export function plainThroughout(value: unknown): boolean {
  if (Array.isArray(value)) return (value as unknown[]).every(plainThroughout);
  if (typeof value !== 'object' || value === null) return true;
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(plainThroughout);
}

/** Nothing was polluted globally. */
export function prototypesClean(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    probe['polluted'] === undefined &&
    probe['isAdmin'] === undefined &&
    Object.getOwnPropertyNames(Object.prototype).every((n) => !['polluted', 'isAdmin'].includes(n))
  );
}

/** What every read must give, whatever came in. */
export function assertSafe(r: HeaderCallData): void {
  assert.ok(plainThroughout(r.data), 'every object has Object.prototype');
  assert.ok(isCallDataObject(r.data), 'the core accepts the data');
  assert.ok(prototypesClean(), 'Object.prototype untouched');
  assert.ok(r.uui.length <= 8 && r.uui.every((u) => userToUserSchema.safeParse(u).success));
  assert.ok(r.problems.length <= MAX_PROBLEMS);
  everyText(r.data, (t) => assert.doesNotMatch(t, UNSAFE_FOR_TEXT));
  for (const u of r.uui) assert.doesNotMatch(u.data, UNSAFE_FOR_TEXT);
}

/** Splits `Name: value` lines the way a SIP parser would (sip.js keeps the value verbatim). */
export function parseLines(lines: readonly string[]): HeaderSource {
  return headersOf(
    ...lines.map((l) => {
      const colon = l.indexOf(':');
      return [l.slice(0, colon), l.slice(colon + 1).trim()] as const;
    }),
  );
}
