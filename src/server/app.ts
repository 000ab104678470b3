import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Server as HttpsServer } from 'node:https';
import type { CacheConfig } from './config-schema.ts';
import { HttpError } from './http-errors.ts';
import { loggerOptions, type LogSink } from './logging.ts';
import { cacheRoutes } from './routes.ts';
import type { CacheStore } from './store.ts';

export interface CacheAppOptions {
  readonly config: CacheConfig;
  readonly store: CacheStore;
  /** Log destination (default stdout). */
  readonly logSink?: LogSink;
  /** TLS material already read from config.tls. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

/** Room in a POST body for ani, pool, ttl and JSON punctuation around the value. */
const BODY_OVERHEAD_BYTES = 1024;

/** Fastify's own 4xx (bad JSON, wrong media type, body too large) in our error format. */
function frameworkError(error: FastifyError): HttpError {
  const status = error.statusCode ?? 500;
  switch (error.code) {
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
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['Location', 'Retry-After'],
      maxAge: 600,
      strictPreflight: false,
    });
  }

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

  void app.register(cacheRoutes({ config, store }), { prefix: '/cticache' });
  return app;
}
