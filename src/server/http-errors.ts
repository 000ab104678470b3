import type { StoreError } from './store.ts';

/** An HTTP error with what the client needs to fix it; `field` names the offending input. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { field?: string; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.headers = extra.headers ?? {};
  }

  /** The JSON body: `{"error": code, "message": …, "field"?: …}`. */
  body(): { error: string; message: string; field?: string } {
    return this.field === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, field: this.field };
  }
}

export const badField = (field: string, message: string): HttpError =>
  new HttpError(400, 'invalid_field', message, { field });

const retryAfter = (ms: number): Record<string, string> => ({
  'retry-after': String(Math.max(1, Math.ceil(ms / 1000))),
});

/** Every store failure is a 503 with Retry-After: the client may try again later. */
export function storeErrorToHttp(e: StoreError): HttpError {
  switch (e.kind) {
    case 'pool-exhausted':
      return new HttpError(503, 'pool_exhausted', 'every DNIS of the pool is in use for this ANI', {
        headers: retryAfter(e.retryAfterMs),
      });
    case 'full':
      return new HttpError(503, 'store_full', 'the cache is full', { headers: retryAfter(e.retryAfterMs) });
    case 'unavailable':
      return new HttpError(503, 'store_unavailable', 'the cache store is unavailable', {
        headers: retryAfter(1000),
        cause: e.reason,
      });
  }
}
