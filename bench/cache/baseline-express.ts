/**
 * The baseline: the seed's service as the article built it, Express + node-redis,
 * the same three routes and auth. Kept only for the benchmark; not hardened.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';

export interface BaselineOptions {
  readonly redisUrl: string;
  readonly user: string;
  readonly password: string;
  readonly pool: readonly string[];
  readonly ttlS: number;
}

export async function startBaseline(
  options: BaselineOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const client = createClient({ url: options.redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    if (req.headers.authorization === expected) return next();
    res.set('WWW-Authenticate', 'Basic realm="cticache"').sendStatus(401);
  });

  app.post('/cticache/DNIS-ANI', async (req, res) => {
    const { value, ani } = req.body as { value: string; ani: string };
    for (const dnis of options.pool) {
      const key = `${dnis}:${ani}`;
      if ((await client.set(`base:${key}`, JSON.stringify(value), { NX: true, EX: options.ttlS })) === 'OK') {
        res.status(201).location(`/cticache/DNIS-ANI/${key}`).json({ dnis, ani, value });
        return;
      }
    }
    res.sendStatus(503);
  });

  app.get('/cticache/DNIS-ANI/:key', async (req, res) => {
    const value = await client.get(`base:${req.params.key}`);
    if (value === null) res.sendStatus(404);
    else res.json({ value: JSON.parse(value) as unknown });
  });

  // As in 2014 (before GETDEL): fetch, then delete.
  app.delete('/cticache/DNIS-ANI/:key', async (req, res) => {
    const value = await client.get(`base:${req.params.key}`);
    if (value === null) {
      res.sendStatus(404);
      return;
    }
    await client.del(`base:${req.params.key}`);
    res.json({ value: JSON.parse(value) as unknown });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      client.destroy();
    },
  };
}
