/**
 * JSON from untrusted headers, with bounded depth and entries, checked before and after
 * `JSON.parse`, and rebuilt so that no key can reach a prototype.
 */
import { CALL_DATA_LIMITS } from '../core/call-data.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { CallDataObject, CallDataValue } from './types.ts';
import { safeText } from './text-safety.ts';

export interface JsonLimits {
  /** Most nested objects/arrays; the top-level object is depth 1. */
  readonly maxDepth: number;
  /** Most object members plus array items, counted over the whole value. */
  readonly maxEntries: number;
}

/**
 * Keys dropped wherever they occur. JSON.parse makes `__proto__` an own property (harmless
 * there), but code downstream that copies with `target[key] = value` or `Object.assign` would
 * set a prototype; `constructor`/`prototype` feed the classic merge-pollution gadgets.
 */
/** The core's event schema refuses longer keys and strings (src/core/call-data.ts). */
export const MAX_KEY_LENGTH = 256;
export const MAX_STRING_LENGTH = CALL_DATA_LIMITS.stringLength;

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Nesting depth of JSON text, found by a linear scan that skips strings, so that a value nested
 * 10,000 deep is refused before `JSON.parse` recurses into it. Stops as soon as `max` is passed.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped char
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Parses a JSON object within `limits`; the result's strings and keys are made safe text. */
export function parseJsonObject(
  text: string,
  limits: JsonLimits,
): Result<BoundedValue<CallDataObject>, string> {
  if (!text.trimStart().startsWith('{')) return err('not a JSON object');
  if (jsonDepthExceeds(text, limits.maxDepth)) return err(`nested deeper than ${limits.maxDepth}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return err('not valid JSON');
  }
  return toCallDataObject(parsed, limits, 'read');
}

export interface BoundedValue<T> {
  readonly value: T;
  /** Reserved keys that were dropped (read mode only). */
  readonly dropped: readonly string[];
}

/**
 * Checks that `input` is a JSON object within `limits` and copies it into fresh plain objects.
 * `read`: strings and keys pass through `safeText`, reserved keys are dropped (and listed).
 * `write`: values are kept as they are; a reserved key is an error, since the far end drops it.
 */
export function toCallDataObject(
  input: unknown,
  limits: JsonLimits,
  mode: 'read' | 'write',
): Result<BoundedValue<CallDataObject>, string> {
  const walk = new Walk(limits, mode);
  try {
    if (!isPlainObject(input)) return err('not a JSON object');
    const value = walk.value(input, 1);
    if (walk.failure !== undefined) return err(walk.failure);
    return ok({ value: value as CallDataObject, dropped: [...walk.dropped] });
  } catch {
    // A getter or proxy from a host schema's output threw: treat it as bad data.
    return err('not JSON data');
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

class Walk {
  entries = 0;
  failure: string | undefined;
  readonly dropped = new Set<string>();
  constructor(
    private readonly limits: JsonLimits,
    private readonly mode: 'read' | 'write',
  ) {}

  /** Returns the copied value, or sets `failure` (and returns a string to unwind). */
  value(v: unknown, depth: number): CallDataValue {
    if (this.failure !== undefined) return '';
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      if (v.length > MAX_STRING_LENGTH) return this.fail(`a string is over ${MAX_STRING_LENGTH} chars`);
      return this.mode === 'read' ? safeText(v) : v;
    }
    if (typeof v === 'number') return Number.isFinite(v) ? v : this.fail('a number is not finite');
    if (depth > this.limits.maxDepth) return this.fail(`nested deeper than ${this.limits.maxDepth}`);
    if (Array.isArray(v)) {
      const out: CallDataValue[] = [];
      for (const item of v as unknown[]) {
        if (!this.count()) return '';
        out.push(this.value(item, depth + 1));
      }
      return out;
    }
    if (!isPlainObject(v)) return this.fail('not JSON data');
    const out: Record<string, CallDataValue> = {};
    for (const rawKey of Object.keys(v)) {
      if (!this.count()) return '';
      const key = this.mode === 'read' ? safeText(rawKey) : rawKey;
      if (key.length > MAX_KEY_LENGTH) return this.fail(`a key is over ${MAX_KEY_LENGTH} chars`);
      if (RESERVED_KEYS.has(key)) {
        if (this.mode === 'write') return this.fail(`the key "${key}" is reserved`);
        this.dropped.add(key);
        continue;
      }
      // defineProperty, not `out[key] =`: no setter on Object.prototype is ever invoked.
      Object.defineProperty(out, key, {
        value: this.value(v[rawKey], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  private count(): boolean {
    if (++this.entries <= this.limits.maxEntries) return true;
    this.fail(`more than ${this.limits.maxEntries} entries`);
    return false;
  }

  private fail(message: string): string {
    this.failure ??= message;
    return '';
  }
}
