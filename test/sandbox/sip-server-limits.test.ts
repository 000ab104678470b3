import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sipServerOptionsSchema, startSipServer } from '../../src/sandbox/sip-server.ts';
import type { SipServer } from '../../src/sandbox/sip-server.ts';
import { RawSipClient } from './raw-sip-client.ts';

describe('sandbox SIP server connection limit', () => {
  let server: SipServer;
  const clients: RawSipClient[] = [];
  before(async () => {
    server = await startSipServer({ port: 0, maxConnections: 3 });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('defaults to 64 connections', () => {
    assert.equal(sipServerOptionsSchema.parse({ port: 0 }).maxConnections, 64);
  });

  it('refuses a WebSocket beyond the limit with 503, and accepts again once one closes', async () => {
    clients.push(...(await Promise.all([1, 2, 3].map(() => RawSipClient.connect(server.url)))));
    await assert.rejects(RawSipClient.connect(server.url), /Unexpected server response: 503/);
    await clients.shift()?.close();
    // The server sees the close a moment after the client does: retry until admitted.
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        clients.push(await RawSipClient.connect(server.url));
        break;
      } catch (error: unknown) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    await assert.rejects(RawSipClient.connect(server.url), /503/);
  });

  it('admits no more than the limit when many connect at once', async () => {
    const burst = await startSipServer({ port: 0, maxConnections: 3 });
    try {
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, () => RawSipClient.connect(burst.url)),
      );
      const opened = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
      // A socket the server accepted answers a keep-alive; one it closed (1013) does not.
      const states = await Promise.all(
        opened.map((c) => {
          c.send('\r\n\r\n');
          return Promise.race([
            c.closed().then(() => 'closed' as const),
            c.next((t) => t === '\r\n', 10_000).then(() => 'alive' as const),
          ]);
        }),
      );
      await Promise.all(opened.map((c) => c.close()));
      assert.equal(states.filter((s) => s === 'alive').length, 3);
    } finally {
      await burst.close();
    }
  });
});
