/**
 * `npm start`'s switchable event sink for the demo CRM page (src/sandbox/sink-switch.ts): the
 * sandbox started as main.ts starts it, the phone's own webhook sink (src/journal/webhook-sink.ts)
 * delivering to /sandbox/events, and the cache's reference receiver read with its credentials.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventRecord } from '../../src/journal/records.ts';
import { webhookSink } from '../../src/journal/webhook-sink.ts';
import { startSandbox, type Sandbox, type Stop } from '../../src/sandbox/sandbox.ts';
import { createSinkSwitch } from '../../src/sandbox/sink-switch.ts';
import { SANDBOX_EVENTS_PATH, SINK_SWITCH_PATH, type SinkMode } from '../../src/sandbox/sink-api.ts';

const DEVICE = 'sink-switch-test';
const CACHE_AUTH = `Basic ${Buffer.from('username:password').toString('base64')}`;

const record = (seq: number): EventRecord => ({
  v: 1,
  seq,
  callId: '',
  event: {
    type: 'registration',
    state: 'registered',
    v: 1,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    at: 1_700_000_000_000 + seq,
  },
});

describe('npm start: the demo CRM page event sink, switched on and off', () => {
  const stops: Stop[] = [];
  let sandbox: Sandbox;
  let web: string;
  let cacheUrl: string;
  const signal = new AbortController().signal;

  const switchTo = async (mode: SinkMode) => {
    const r = await fetch(`${web}${SINK_SWITCH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { mode });
  };
  /** What the receiver holds for the device, read from the cache service itself. */
  const held = async (): Promise<number[]> => {
    const r = await fetch(`${cacheUrl}/events?device=${DEVICE}&limit=1000`, {
      headers: { authorization: CACHE_AUTH },
    });
    assert.equal(r.status, 200);
    const body = (await r.json()) as { events: { seq: number }[] };
    return body.events.map((e) => e.seq);
  };

  before(async () => {
    const env = { CTI_SANDBOX_SIP_PORT: '0', CTI_SANDBOX_WEB_PORT: '0', CTI_CACHE_PORT: '0' };
    sandbox = await startSandbox({ ...env, CTI_CACHE_LOG_LEVEL: 'silent' }, stops);
    web = `http://127.0.0.1:${sandbox.web.port}`;
    assert.ok(sandbox.cache.ok, 'the cache runs');
    cacheUrl = sandbox.cache.value.url;
  });
  after(async () => {
    for (const { stop } of stops.reverse()) await stop();
  });

  const sink = () => webhookSink({ url: `${web}${SANDBOX_EVENTS_PATH}`, timeoutMs: 5000 });

  it('starts online: a batch reaches the receiver (credentials added by the sandbox), once', async () => {
    const r = await fetch(`${web}${SINK_SWITCH_PATH}`);
    assert.deepEqual(await r.json(), { mode: 'online' });
    assert.deepEqual(await sink().deliver([record(1), record(2)], DEVICE, signal), { kind: 'ack' });
    assert.deepEqual(
      await sink().deliver([record(2)], DEVICE, signal),
      { kind: 'ack' },
      'a duplicate is fine',
    );
    assert.deepEqual(await held(), [1, 2]);
    // The page reads the receiver back through the sandbox, with no credentials of its own.
    const back = await fetch(`${web}${SANDBOX_EVENTS_PATH}?device=${DEVICE}&after=1`);
    assert.equal(back.status, 200);
    const body = (await back.json()) as { events: { seq: number; id: string }[] };
    assert.deepEqual(
      body.events.map((e) => [e.seq, e.id]),
      [[2, record(2).event.id]],
    );
  });

  it('offline: the endpoint refuses with 503 and Retry-After: 1 (retried each second); nothing arrives', async () => {
    await switchTo('offline');
    const r = await fetch(`${web}${SANDBOX_EVENTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device: DEVICE, events: [record(3).event] }),
    });
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '1');
    assert.deepEqual(await sink().deliver([record(3)], DEVICE, signal), {
      kind: 'retry',
      reason: 'webhook answered 503',
      afterMs: 1000,
    });
    assert.deepEqual(await held(), [1, 2]);
    const readable = await fetch(`${web}${SANDBOX_EVENTS_PATH}?device=${DEVICE}`);
    assert.equal(readable.status, 200, 'the receiver is still readable');
  });

  it('refusing: a 422, which the phone takes as "never" (dead letters)', async () => {
    await switchTo('refusing');
    assert.deepEqual(await sink().deliver([record(3)], DEVICE, signal), {
      kind: 'reject',
      reason: 'webhook answered 422',
    });
    assert.deepEqual(await held(), [1, 2]);
  });

  it('back online: the held events reach the receiver', async () => {
    await switchTo('online');
    assert.deepEqual(await sink().deliver([record(3), record(4)], DEVICE, signal), { kind: 'ack' });
    assert.deepEqual(await held(), [1, 2, 3, 4]);
    assert.equal(sandbox.sink.mode(), 'online');
  });

  it('takes only a JSON {mode} body to switch, and leaves the mode as it was otherwise', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${web}${SINK_SWITCH_PATH}`, { method: 'POST', headers: { 'content-type': type }, body });
    assert.equal((await post('{"mode":"off"}')).status, 400);
    assert.equal((await post('{"mode":"offline","x":1}')).status, 400);
    assert.equal((await post('{')).status, 400);
    assert.equal((await post('{"mode":"offline"}', 'text/plain')).status, 415, 'no cross-site form post');
    assert.equal((await post(JSON.stringify({ mode: 'x'.repeat(2000) }))).status, 413);
    assert.equal((await fetch(`${web}${SINK_SWITCH_PATH}`, { method: 'DELETE' })).status, 405);
    const events = await fetch(`${web}${SANDBOX_EVENTS_PATH}`, { method: 'PUT' });
    assert.equal(events.status, 405);
    assert.equal(events.headers.get('allow'), 'GET, POST');
    assert.equal(sandbox.sink.mode(), 'online');
  });
});

describe('the event sink before the cache has started', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const sink = createSinkSwitch(() => undefined);
    server = createServer((req, res) => sink.handle(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 503 with Retry-After (the phone retries), and leaves other paths alone', async () => {
    const r = await fetch(`${base}${SANDBOX_EVENTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device: DEVICE, events: [record(1).event] }),
    });
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '5');
    assert.equal((await fetch(`${base}${SANDBOX_EVENTS_PATH}/more`)).status, 404);
    assert.equal((await fetch(`${base}/`)).status, 404);
  });
});
