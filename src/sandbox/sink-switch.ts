/**
 * The demo CRM page's event sink, with a switch (sink-api.ts says what each mode answers):
 *
 *   GET  /sandbox/sink                  → {"mode":"online"|"offline"|"refusing"}
 *   POST /sandbox/sink {"mode":…}       → the same, after switching
 *   POST /sandbox/events {device,events} → the reference receiver's answer, a 503 or a 422
 *   GET  /sandbox/events?device=&after=&limit= → the receiver's events (whatever the mode)
 *
 * The receiver is the cache service's POST/GET /events, reached with the cache's credentials
 * added here (receiver-proxy.ts); it is known once the cache has started (`receiver()`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJson, problem, readBody, requestTarget, sendJson, type Handler } from './http-io.ts';
import { forwardToReceiver, type ReceiverTarget } from './receiver-proxy.ts';
import {
  OFFLINE_RETRY_AFTER_S,
  OFFLINE_STATUS,
  REFUSING_STATUS,
  SANDBOX_EVENTS_PATH,
  SINK_SWITCH_PATH,
  sinkSwitchSchema,
  type SinkMode,
} from './sink-api.ts';

/** The reference receiver takes 1,000 events of up to 2 KiB on average in one batch. */
const MAX_BATCH_BYTES = 1000 * 2048;
const MAX_SWITCH_BYTES = 1024;

export interface SinkSwitch {
  mode(): SinkMode;
  set(mode: SinkMode): void;
  /** The routes above; anything else goes to `next`. */
  readonly handle: Handler;
}

const methodNotAllowed = (res: ServerResponse, allow: string) =>
  sendJson(res, 405, problem('method_not_allowed', `use ${allow}`), { Allow: allow });

const notYet = (res: ServerResponse) =>
  sendJson(
    res,
    503,
    problem('receiver_unavailable', 'the call-data cache (the event receiver) is not running'),
    {
      'Retry-After': '5',
    },
  );

export function createSinkSwitch(
  receiver: () => ReceiverTarget | undefined,
  initial: SinkMode = 'online',
): SinkSwitch {
  let mode = initial;

  async function onSwitch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') return sendJson(res, 200, { mode });
    if (req.method !== 'POST') return methodNotAllowed(res, 'GET, HEAD, POST');
    if (!isJson(req))
      return sendJson(res, 415, problem('unsupported_media_type', 'send {"mode": …} as application/json'));
    const body = await readBody(req, MAX_SWITCH_BYTES);
    if (!body.ok) return sendJson(res, 413, problem('too_large', 'the body is too large'));
    let json: unknown;
    try {
      json = JSON.parse(body.value.toString('utf8'));
    } catch {
      return sendJson(res, 400, problem('invalid_json', 'the body is not valid JSON'));
    }
    const parsed = sinkSwitchSchema.safeParse(json);
    if (!parsed.success)
      return sendJson(res, 400, problem('invalid', 'expected {"mode": "online" | "offline" | "refusing"}'));
    mode = parsed.data.mode;
    return sendJson(res, 200, { mode });
  }

  async function onEvents(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'POST') return methodNotAllowed(res, 'GET, POST');
    if (req.method === 'POST' && mode !== 'online') {
      req.resume(); // the batch is not read: the receiver is "down" or refuses it unseen
      return mode === 'offline'
        ? sendJson(res, OFFLINE_STATUS, problem('offline', 'the sandbox sink is switched offline'), {
            'Retry-After': String(OFFLINE_RETRY_AFTER_S),
          })
        : sendJson(res, REFUSING_STATUS, problem('refused', 'the sandbox sink refuses every event'));
    }
    const target = receiver();
    if (!target) return notYet(res);
    let body: Buffer | undefined;
    if (req.method === 'POST') {
      if (!isJson(req))
        return sendJson(res, 415, problem('unsupported_media_type', 'send the batch as application/json'));
      const read = await readBody(req, MAX_BATCH_BYTES);
      if (!read.ok) return sendJson(res, 413, problem('too_large', 'the batch is too large'));
      body = read.value;
    }
    const answer = await forwardToReceiver(target, {
      method: req.method,
      search: req.method === 'GET' ? search : '',
      headers: {
        'content-type': req.headers['content-type'],
        'idempotency-key': firstValue(req.headers['idempotency-key']),
      },
      ...(body ? { body } : {}),
    });
    res.writeHead(answer.status, { ...answer.headers, 'Cache-Control': 'no-store' });
    res.end(answer.body);
  }

  const handle: Handler = (req, res, next) => {
    const { path, search } = requestTarget(req);
    const route =
      path === SINK_SWITCH_PATH
        ? onSwitch(req, res)
        : path === SANDBOX_EVENTS_PATH
          ? onEvents(req, res, search)
          : undefined;
    if (!route) return next();
    route.catch(() => {
      if (!res.headersSent) sendJson(res, 500, problem('internal_error', 'the sandbox sink failed'));
      else res.destroy();
    });
    return undefined;
  };

  return { mode: () => mode, set: (next) => void (mode = next), handle };
}

const firstValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
