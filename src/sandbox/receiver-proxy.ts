/**
 * Forwards a request of the demo CRM page's phone to the cache service's reference event receiver
 * (POST /events, GET /events), adding the cache's Basic credentials here, in the sandbox, so the
 * page never holds them. The receiver's answer (status, body, Retry-After) comes back as it is;
 * a receiver that cannot be reached is a 502, one that does not answer in time a 504: both are
 * retried by the phone like the receiver's own 5xx.
 */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface ReceiverTarget {
  /** The receiver's events URL, e.g. http://127.0.0.1:8787/events */
  readonly url: string;
  readonly credentials: Credentials;
}

export interface ProxyRequest {
  readonly method: 'GET' | 'POST';
  /** The query string, `?` included ('' for none). */
  readonly search: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: Buffer;
}

export interface ProxyAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

const TIMEOUT_MS = 10_000;
/** What goes to the receiver of the phone's headers: the body's type and the batch's key. */
const FORWARDED = ['content-type', 'idempotency-key'] as const;
/** What comes back of the receiver's. */
const RETURNED = ['content-type', 'retry-after'] as const;

const basic = ({ username, password }: Credentials): string =>
  `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

const json = (status: number, error: string, message: string): ProxyAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: Buffer.from(JSON.stringify({ error, message })),
});

export async function forwardToReceiver(target: ReceiverTarget, request: ProxyRequest): Promise<ProxyAnswer> {
  const headers: Record<string, string> = { authorization: basic(target.credentials) };
  for (const name of FORWARDED) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const response = await fetch(`${target.url}${request.search}`, {
      method: request.method,
      headers,
      ...(request.body ? { body: new Uint8Array(request.body) } : {}),
      signal: timeout,
      redirect: 'error',
    });
    const returned: Record<string, string> = {};
    for (const name of RETURNED) {
      const value = response.headers.get(name);
      if (value !== null) returned[name] = value;
    }
    return { status: response.status, headers: returned, body: Buffer.from(await response.arrayBuffer()) };
  } catch {
    return timeout.aborted
      ? json(504, 'receiver_timeout', `the event receiver did not answer within ${TIMEOUT_MS} ms`)
      : json(502, 'receiver_unreachable', 'the event receiver could not be reached');
  }
}
