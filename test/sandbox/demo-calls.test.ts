/**
 * `npm start`'s screen pop with data, below the browser: the sandbox started as main.ts starts it
 * (startSandbox: SIP server with the pool's DIDs, Vite with /sandbox.json, the cache), sip.js user
 * agents as the caller page (1009) and the CRM page's agent (1001), and the widget's own call-data
 * codec and cache client doing what the two pages do, in both of the caller page's modes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Inviter, UserAgent, type Invitation } from 'sip.js';
import { DEFAULT_FORM, cacheValue, prepareCall, type PreparedCall } from '../../demo/caller-data.ts';
import { CONTACTS, contactLookup } from '../../demo/crm-contacts.ts';
import { lookupCache, storeInCache, type CacheClientOptions } from '../../src/calldata/cache-client.ts';
import { resolveCodecOptions } from '../../src/calldata/codec-options.ts';
import { callDataCodec } from '../../src/calldata/invite-data.ts';
import { parseSandboxPage } from '../../src/sandbox/page-config.ts';
import { startSandbox, type Sandbox, type Stop } from '../../src/sandbox/sandbox.ts';
import { RegistererState, registererReaches, startPeer, type Peer } from './sipjs-peer.ts';

const codecOptions = resolveCodecOptions();
assert.ok(codecOptions.ok);
const codec = callDataCodec({
  codec: codecOptions.value,
  precedence: ['headers', 'cache', 'crm'],
  lookups: { cache: true, crm: true },
});
const prepared = prepareCall(DEFAULT_FORM);
assert.ok(prepared.ok);
const call: PreparedCall = prepared.value;

/** What the agent's widget reads of a ringing INVITE (src/telephony/call-data-port.ts). */
function offerOf(invitation: Invitation) {
  const request = invitation.request;
  const users = {
    requestUriUser: request.ruri?.user,
    toUser: request.to.uri.user,
    fromUser: invitation.remoteIdentity.uri.user,
  };
  const defined = Object.fromEntries(Object.entries(users).filter(([, v]) => v !== undefined));
  return codec.read({ ...defined, headers: { get: (name) => request.getHeaders(name) } }).offer;
}

const uri = (user: string) => UserAgent.makeURI(`sip:${user}@localhost`) ?? assert.fail(`bad user ${user}`);

describe('npm start: the caller page (1009) calls the CRM page (1001) with data', () => {
  const stops: Stop[] = [];
  let sandbox: Sandbox;
  let agent: Peer;
  let caller: Peer;
  let client: CacheClientOptions;

  before(async () => {
    const env = { CTI_SANDBOX_SIP_PORT: '0', CTI_SANDBOX_WEB_PORT: '0', CTI_CACHE_PORT: '0' };
    sandbox = await startSandbox({ ...env, CTI_CACHE_LOG_LEVEL: 'silent' }, stops);
    [agent, caller] = await Promise.all([
      startPeer(sandbox.sip.url, '1001', 'pw1001'),
      startPeer(sandbox.sip.url, '1009', 'pw1009'),
    ]);
    await Promise.all([agent, caller].map((p) => p.registerer.register()));
    await Promise.all(
      [agent, caller].map((p) => registererReaches(p.registerer, RegistererState.Registered)),
    );
  });
  after(async () => {
    await Promise.all([agent, caller].map((p) => p?.stop()));
    for (const { stop } of stops.reverse()) await stop();
  });

  it('serves the demo pages and a /sandbox.json saying the cache runs and its pool rings 1001', async () => {
    const web = `http://127.0.0.1:${sandbox.web.port}`;
    const json: unknown = await (await fetch(`${web}/sandbox.json`)).json();
    const page = parseSandboxPage(json);
    assert.deepEqual(page, sandbox.page());
    assert.equal(page.poolAgent, '1001');
    assert.ok(page.cache.running, 'the cache runs');
    client = {
      url: page.cache.url,
      credentials: async () => ({ username: 'username', password: 'password' }),
      timeoutMs: 3000,
    };
    for (const [path, marker] of [
      ['/demo/caller.html', 'id="call-form"'],
      ['/demo/crm.html', 'id="contacts"'],
      ['/', 'id="phone-slot"'],
      ['/demo/caller-page.ts', 'startCallerPage'],
      ['/demo/crm-page.ts', 'startCrmPage'],
    ] as const) {
      const response = await fetch(`${web}${path}`);
      assert.equal(response.status, 200, path);
      assert.ok((await response.text()).includes(marker), `${path} has ${marker}`);
    }
  });

  it('through the cache: the DNIS it gives rings 1001 with To kept, and DNIS:ANI finds the data once', async () => {
    const stored = await storeInCache(
      client,
      { value: cacheValue(call), ani: '1009' },
      AbortSignal.timeout(5000),
    );
    assert.ok(stored.ok, stored.ok ? '' : stored.error);
    const { dnis } = stored.value;
    assert.equal(dnis, '5551234568', "the seed article's DNIS: the first of npm start's pool");

    const ringing = agent.nextInvitation();
    const rejected = new Promise<number | undefined>((resolve) => {
      void new Inviter(caller.ua, uri(dnis)).invite({
        requestDelegate: { onReject: (r) => resolve(r.message.statusCode) },
      });
    });
    const invitation = await ringing;
    assert.notEqual(invitation.request.ruri?.user, dnis, "the Request-URI is the agent's contact");
    assert.equal(invitation.request.to.uri.user, dnis, 'To is the number dialled');
    const offer = offerOf(invitation);
    assert.deepEqual([offer.dnis, offer.ani, offer.data], [dnis, '1009', undefined], 'no data in the call');
    assert.deepEqual(offer.sources, ['headers', 'cache', 'crm']);

    const key = { dnis, ani: '1009' };
    const found = await lookupCache(client, key, true, AbortSignal.timeout(5000));
    assert.deepEqual(found, { status: 'ok', data: cacheValue(call) });
    assert.deepEqual(await lookupCache(client, key, true, AbortSignal.timeout(5000)), { status: 'none' });
    const crm = await contactLookup(CONTACTS, { pageUrl: 'http://localhost/demo/crm.html' })(
      { callId: 'x', from: { number: '1009' }, to: { number: dnis }, ani: '1009' },
      { signal: AbortSignal.timeout(1000) },
    );
    assert.equal(crm?.name, 'Maria Garcia', 'the CRM knows the caller too');

    await invitation.reject({ statusCode: 486 });
    assert.equal(await rejected, 486);
  });

  it("with SIP headers: 1001 reads the form's fields from X-Call-Data and the UUI from User-to-User", async () => {
    const lines = codec.encode(call);
    assert.ok(lines.ok);
    const ringing = agent.nextInvitation();
    const rejected = new Promise<number | undefined>((resolve) => {
      void new Inviter(caller.ua, uri(call.target), { extraHeaders: lines.value }).invite({
        requestDelegate: { onReject: (r) => resolve(r.message.statusCode) },
      });
    });
    const invitation = await ringing;
    const offer = offerOf(invitation);
    assert.deepEqual(offer.data, call.data);
    assert.deepEqual(
      offer.uui?.map((u) => u.data),
      [call.uui?.data],
    );
    assert.deepEqual([offer.dnis, offer.ani], ['1001', '1009']);
    await invitation.reject({ statusCode: 486 });
    assert.equal(await rejected, 486);
  });
});
