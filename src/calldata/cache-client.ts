import { z } from 'zod/mini';
import { isCallDataObject, type CallDataObject } from '../core/call-data.ts';
import { err, ok, type Result } from '../core/result.ts';

/**
 * A client of seed 000's call-data cache (`/cticache/DNIS-ANI`, served by src/server/). Every
 * request is bounded in time and size, aborted with its call, parsed with zod; whatever the cache
 * does (hang, 5xx, garbage, refuse the connection) comes back as a value, never an exception.
 */
export interface CacheCredentials {
  readonly username: string;
  readonly password: string;
}

export interface CacheClientOptions {
  /** Base URL of the cache service, e.g. https://cti.example.com (no trailing /cticache). */
  readonly url: string;
  /** Called before each request: credentials never sit in an attribute or in storage. */
  readonly credentials: () => Promise<CacheCredentials>;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

export type CacheLookup =
  | { readonly status: 'ok'; readonly data: CallDataObject }
  | { readonly status: 'none' }
  | { readonly status: 'unavailable'; readonly reason: string };

/** The largest answer read: the service caps values at 8 KiB by default. */
const MAX_RESPONSE_CHARS = 64 * 1024;
const KEY_PART = /^(\+?[0-9*#]{1,32}|anonymous)$/;

const entrySchema = z.object({
  value: z.union([z.string().check(z.maxLength(8192)), z.custom<CallDataObject>((v) => isCallDataObject(v))]),
});
const createdSchema = z.object({ dnis: z.string().check(z.regex(/^\+?[0-9*#]{1,32}$/)) });

/** Reads (GET) or reads and consumes (DELETE, atomic at the cache) the entry for DNIS:ANI. */
export async function lookupCache(
  opts: CacheClientOptions,
  key: { readonly dnis: string; readonly ani: string },
  consume: boolean,
  signal: AbortSignal,
): Promise<CacheLookup> {
  if (!KEY_PART.test(key.dnis) || !KEY_PART.test(key.ani)) return { status: 'none' };
  const path = `/cticache/DNIS-ANI/${encodeURIComponent(key.dnis)}:${encodeURIComponent(key.ani)}`;
  const r = await request(opts, consume ? 'DELETE' : 'GET', path, undefined, signal);
  if (!r.ok) return { status: 'unavailable', reason: r.error };
  if (r.value.status === 404) return { status: 'none' };
  if (r.value.status !== 200) return { status: 'unavailable', reason: `cache answered ${r.value.status}` };
  const parsed = entrySchema.safeParse(r.value.body);
  if (!parsed.success) return { status: 'unavailable', reason: 'cache answered garbage' };
  const value = parsed.data.value;
  return { status: 'ok', data: typeof value === 'string' ? { value } : value };
}

/** Seed 000's POST: stores data for the caller's ANI, returns the DNIS to transfer the call to. */
export async function storeInCache(
  opts: CacheClientOptions,
  entry: { readonly value: string | CallDataObject; readonly ani: string; readonly pool?: string },
  signal: AbortSignal,
): Promise<Result<{ readonly dnis: string }, string>> {
  const r = await request(opts, 'POST', '/cticache/DNIS-ANI', JSON.stringify(entry), signal);
  if (!r.ok) return r;
  if (r.value.status !== 201) return err(`cache answered ${r.value.status}${errorCode(r.value.body)}`);
  const parsed = createdSchema.safeParse(r.value.body);
  return parsed.success ? ok({ dnis: parsed.data.dnis }) : err('cache answered garbage');
}

const errorCode = (body: unknown): string => {
  const code = z.object({ error: z.string().check(z.maxLength(64)) }).safeParse(body);
  return code.success ? ` (${code.data.error})` : '';
};

interface Answer {
  readonly status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  readonly body: unknown;
}

async function request(
  opts: CacheClientOptions,
  method: 'GET' | 'DELETE' | 'POST',
  path: string,
  body: string | undefined,
  signal: AbortSignal,
): Promise<Result<Answer, string>> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), opts.timeoutMs);
  const onAbort = () => timeout.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const { username, password } = await opts.credentials();
    const response = await (opts.fetch ?? fetch)(new URL(path, opts.url), {
      method,
      headers: {
        authorization: `Basic ${base64(`${username}:${password}`)}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
      signal: timeout.signal,
      credentials: 'omit',
      redirect: 'error',
    });
    const text = await response.text();
    if (text.length > MAX_RESPONSE_CHARS) return err('cache answer too large');
    return ok({ status: response.status, body: parseJson(text) });
  } catch (e) {
    if (signal.aborted) return err('aborted');
    if (timeout.signal.aborted) return err(`cache did not answer within ${opts.timeoutMs} ms`);
    return err(e instanceof Error ? `cache unreachable: ${e.message}`.slice(0, 200) : 'cache unreachable');
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Basic auth over UTF-8 (btoa alone only takes Latin-1). */
const base64 = (s: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
