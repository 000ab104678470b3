import cors from '@fastify/cors';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Server as HttpsServer } from 'node:https';
import type { CacheConfig } from './config-schema.ts';
import { HttpError } from './http-errors.ts';
import { loggerOptions, type LogSink } from './logging.ts';
import { cacheRoutes } from './routes.ts';
import { eventRoutes } from './event-routes.ts';
import type { EventStore } from './event-store.ts';
import { MemoryEventStore } from './memory-event-store.ts';
import type { CacheStore } from './store.ts';

export interface CacheAppOptions {
  readonly config: CacheConfig;
  readonly store: CacheStore;
  /** The reference event receiver's store (default: in this process's memory). */
  readonly events?: EventStore;
  /** Log destination (default stdout). */
  readonly logSink?: LogSink;
  /** TLS material already read from config.tls. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

/** Room in a POST body for ani, pool, ttl and JSON punctuation around the value. */
const BODY_OVERHEAD_BYTES = 1024;

/** Health routes answer GET (and HEAD, which Fastify adds); other methods get 405. */
const HEALTH_ALLOW = 'GET, HEAD';

/**
 * Fastify's own errors (bad JSON, wrong media type, body too large, bad URL)
 * in our error format. Anything else at 5xx is a bug: its message stays in
 * the log and the client gets a generic body.
 */
function frameworkError(error: FastifyError): HttpError {
  const status = error.statusCode ?? 500;
  if (status >= 500) return new HttpError(status, 'internal_error', 'Internal error');
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new HttpError(400, 'bad_url', 'the URL is not valid (bad percent-encoding)', { field: 'url' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpError(414, 'uri_too_long', 'the URL is too long', { field: 'url' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'too_large', 'the request body is too large', { field: 'body' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'invalid_json', 'the body is not valid JSON', { field: 'body' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', 'send the body as Content-Type: application/json', {
        field: 'content-type',
      });
    default:
      return new HttpError(status, status === 400 ? 'bad_request' : 'client_error', error.message);
  }
}

const methodNotAllowed = async (): Promise<never> => {
  throw new HttpError(405, 'method_not_allowed', `allowed methods: ${HEALTH_ALLOW}`, {
    headers: { allow: HEALTH_ALLOW },
  });
};

/**
 * Builds the cache service (not listening): test it with `app.inject`, serve
 * it with service.ts. The store is owned by the caller.
 */
export function buildCacheApp(options: CacheAppOptions): FastifyInstance {
  const { config, store } = options;
  const common = {
    logger: loggerOptions(config.logLevel, options.logSink),
    bodyLimit: config.maxValueBytes + BODY_OVERHEAD_BYTES,
    requestTimeout: 10_000,
    // Errors Fastify raises before routing (e.g. FST_ERR_BAD_URL) skip the error handler.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const http = frameworkError(error);
      void reply.code(http.status).headers(http.headers).send(http.body());
    },
  };
  // Fastify types an HTTPS instance differently, but routes and hooks only use
  // what both servers share, so the HTTPS one is handled as the plain type.
  const app: FastifyInstance =
    options.tls === undefined
      ? Fastify(common)
      : (Fastify<HttpsServer>({
          ...common,
          https: { cert: options.tls.cert, key: options.tls.key },
        }) as unknown as FastifyInstance);

  if (config.corsOrigins.length > 0) {
    void app.register(cors, {
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      exposedHeaders: ['Location', 'Retry-After'],
      maxAge: 600,
      strictPreflight: false,
    });
  }

  // Only JSON bodies: a text/plain body gets 415 like any other media type.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const http = error instanceof HttpError ? error : frameworkError(error);
    if (http.status >= 500) {
      // Only the failure's kind and reason: never a request body or a cached value.
      const reason = error instanceof HttpError ? error.cause : `${error.name}: ${error.message}`;
      request.log.warn({ code: http.code, reason }, 'request failed');
    }
    return reply.code(http.status).headers(http.headers).send(http.body());
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(new HttpError(404, 'not_found', 'unknown path').body()),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ping = await store.ping();
    if (ping.ok) return { status: 'ready', store: store.kind };
    return reply.code(503).header('retry-after', '1').send({ status: 'unavailable', store: store.kind });
  });

  for (const url of ['/healthz', '/readyz'])
    app.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE'], url, handler: methodNotAllowed });

  void app.register(cacheRoutes({ config, store }), { prefix: '/cticache' });
  const events = options.events ?? new MemoryEventStore({ maxEventsPerDevice: config.maxEventsPerDevice });
  void app.register(eventRoutes({ config, store: events }), { prefix: '/events' });
  return app;
}
