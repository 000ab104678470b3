import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { CacheConfig } from './config-schema.ts';

/** Where log lines go; tests pass a collector, the service uses stdout. */
export interface LogSink {
  write(line: string): void;
}

/**
 * Structured (pino) logs that never carry call data: bodies are never logged,
 * and a request is logged by its route pattern (`/cticache/DNIS-ANI/:key`),
 * not its URL, because DNIS:ANI holds the caller's number.
 */
type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export function loggerOptions(level: CacheConfig['logLevel'], sink?: LogSink): LoggerOptions {
  return {
    level,
    ...(sink === undefined ? {} : { stream: sink }),
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        route: req.routeOptions.url ?? '(no route)',
        remoteAddress: req.ip,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
