import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBasicAuth, WWW_AUTHENTICATE } from './auth.ts';
import type { CacheConfig } from './config-schema.ts';
import { badField, HttpError, storeErrorToHttp } from './http-errors.ts';
import { parseEntryKey, parsePostBody } from './request-schemas.ts';
import { entryKey, type CacheStore } from './store.ts';

export interface CacheRouteDeps {
  readonly config: CacheConfig;
  readonly store: CacheStore;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const COLLECTION = '/DNIS-ANI';
const ITEM = '/DNIS-ANI/:key';

/** Methods answered with 405 + Allow on each path (OPTIONS is answered with 204 + Allow). */
const ALLOWED = {
  [COLLECTION]: { allow: 'POST, OPTIONS', others: ['GET', 'PUT', 'PATCH', 'DELETE'] },
  [ITEM]: { allow: 'GET, HEAD, DELETE, OPTIONS', others: ['POST', 'PUT', 'PATCH'] },
} as const;

function notFound(): HttpError {
  return new HttpError(404, 'not_found', 'no live entry for this DNIS:ANI');
}

/** The seed's REST API, mounted under /cticache; every route requires Basic auth. */
export function cacheRoutes(deps: CacheRouteDeps) {
  const { config, store } = deps;
  const authenticate = createBasicAuth(config.users);
  const pools = new Map(Object.entries(config.pools));
  const defaultTtlMs = config.ttlS * 1000;
  const valueLimit = config.maxValueBytes;

  return async function plugin(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', async (req: FastifyRequest) => {
      // CORS preflights carry no credentials; @fastify/cors has answered them already.
      if (req.method === 'OPTIONS') return;
      if (authenticate(req.headers.authorization) === undefined) {
        throw new HttpError(401, 'unauthorized', 'valid HTTP Basic credentials are required', {
          headers: { 'www-authenticate': WWW_AUTHENTICATE },
        });
      }
    });

    app.post(COLLECTION, async (req, reply) => {
      const body = parsePostBody(req.body);
      const poolName = body.pool ?? 'default';
      const pool = pools.get(poolName);
      if (pool === undefined) throw badField('pool', `unknown pool "${poolName}"`);
      if (body.ttl !== undefined && body.ttl > config.maxTtlS) {
        throw badField('ttl', `ttl must be at most ${config.maxTtlS} seconds`);
      }
      const value = JSON.stringify(body.value);
      if (Buffer.byteLength(value) > valueLimit) {
        throw new HttpError(413, 'too_large', `value is larger than ${valueLimit} bytes`, { field: 'value' });
      }
      const ttlMs = body.ttl === undefined ? defaultTtlMs : Math.max(1, Math.round(body.ttl * 1000));
      const res = await store.allocate({ pool, ani: body.ani, value, ttlMs });
      if (!res.ok) throw storeErrorToHttp(res.error);
      const { dnis } = res.value;
      return reply
        .code(201)
        .header('location', `/cticache/DNIS-ANI/${dnis}:${encodeURIComponent(body.ani)}`)
        .type(JSON_TYPE)
        .send(`{"dnis":${JSON.stringify(dnis)},"ani":${JSON.stringify(body.ani)},"value":${value}}`);
    });

    const read =
      (remove: boolean) => async (req: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply) => {
        const { dnis, ani } = parseEntryKey(req.params.key);
        const key = entryKey(dnis, ani);
        const res = remove ? await store.getAndDelete(key) : await store.get(key);
        if (!res.ok) throw storeErrorToHttp(res.error);
        if (res.value === undefined) throw notFound();
        return reply.type(JSON_TYPE).send(`{"value":${res.value}}`);
      };
    app.get(ITEM, read(false));
    app.delete(ITEM, read(true));

    for (const [url, { allow, others }] of Object.entries(ALLOWED)) {
      app.route({
        method: [...others],
        url,
        handler: async () => {
          throw new HttpError(405, 'method_not_allowed', `allowed methods: ${allow}`, { headers: { allow } });
        },
      });
      app.options(url, async (_req, reply) => reply.code(204).header('allow', allow).send());
    }
  };
}
