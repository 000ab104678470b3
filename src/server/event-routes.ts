import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createBasicAuth, WWW_AUTHENTICATE } from './auth.ts';
import type { CacheConfig } from './config-schema.ts';
import { HttpError, storeErrorToHttp } from './http-errors.ts';
import type { EventStore } from './event-store.ts';

/** A batch may carry this many events; a softphone sends smaller ones. */
export const MAX_BATCH_EVENTS = 1000;
export const MAX_EVENT_BYTES = 64 * 1024;
const DEVICE = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'device must be 1–128 of A-Z a-z 0-9 . _ : -');

const batchSchema = z.strictObject({
  device: DEVICE,
  events: z
    .array(
      z.looseObject({
        id: z.string().min(1).max(128),
        seq: z.number().int().positive(),
        type: z.string().min(1).max(64),
      }),
    )
    .min(1)
    .max(MAX_BATCH_EVENTS),
});

const querySchema = z.object({
  device: DEVICE,
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_BATCH_EVENTS).default(100),
});

const invalid = (error: z.ZodError) => {
  const issue = error.issues[0];
  return new HttpError(
    400,
    'invalid',
    issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid',
  );
};

/**
 * The reference event receiver, with the cache's auth: `POST /events` takes a batch of one
 * device's events and answers which ids it stored and which it already had (so a retried
 * delivery is counted once); `GET /events?device=…&after=seq` reads them back in seq order.
 */
export function eventRoutes(deps: { readonly config: CacheConfig; readonly store: EventStore }) {
  const authenticate = createBasicAuth(deps.config.users);
  return async function plugin(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', async (req) => {
      if (req.method === 'OPTIONS') return;
      if (authenticate(req.headers.authorization) === undefined)
        throw new HttpError(401, 'unauthorized', 'valid HTTP Basic credentials are required', {
          headers: { 'www-authenticate': WWW_AUTHENTICATE },
        });
    });

    app.post('/', { bodyLimit: MAX_BATCH_EVENTS * 2048 }, async (req) => {
      const batch = batchSchema.safeParse(req.body);
      if (!batch.success) throw invalid(batch.error);
      const events = batch.data.events.map((e) => ({ id: e.id, seq: e.seq, json: JSON.stringify(e) }));
      const big = events.find((e) => Buffer.byteLength(e.json) > MAX_EVENT_BYTES);
      if (big)
        throw new HttpError(413, 'too_large', `event ${big.id} is larger than ${MAX_EVENT_BYTES} bytes`);
      const res = await deps.store.append(batch.data.device, events);
      if (!res.ok) throw storeErrorToHttp(res.error);
      return { stored: res.value.stored, duplicates: res.value.duplicates };
    });

    app.get('/', async (req, reply) => {
      const q = querySchema.safeParse(req.query);
      if (!q.success) throw invalid(q.error);
      const res = await deps.store.read(q.data.device, q.data.after, q.data.limit);
      if (!res.ok) throw storeErrorToHttp(res.error);
      return reply
        .type('application/json; charset=utf-8')
        .send(`{"events":[${res.value.map((e) => e.json).join(',')}]}`);
    });
  };
}
