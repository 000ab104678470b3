import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { header, is, registered, registerOk, scriptedPhone } from './harness.ts';

describe('registration over a scripted transport', () => {
  it('a REGISTER with no answer fails "The registrar did not answer" and drops the transport', async () => {
    const p = scriptedPhone({}, { registerAnswerMs: 200 });
    void p.phone.start();
    await p.wire.next('REGISTER'); // and never answer it
    const failed = await p.event(is('registration', (e) => e.state === 'failed'));
    assert.equal(failed.reason, 'The registrar did not answer');
    await p.event(is('transport', (e) => e.state === 'disconnected'));
    assert.equal(p.wire.disconnects, 1);
    assert.equal(p.wire.transport?.isConnected(), false);
    // The reconnect loop takes over; the new REGISTER goes out at once, though sip.js still
    // waits (until Timer F, 32 s) for an answer to the lost one.
    registerOk(p.wire, await p.wire.next('REGISTER'));
    await p.event(is('registration', (e) => e.state === 'registered'));
    assert.equal(p.wire.connects, 2);
    await p.phone.stop();
  });

  it('calls the credential provider before each REGISTER and answers the digest challenge with its credentials', async () => {
    let calls = 0;
    const credentials = () =>
      Promise.resolve({ username: `token-user-${++calls}`, password: `token-${calls}` });
    const p = scriptedPhone({ password: undefined, credentials, registerExpiresS: 30, refreshAtPercent: 50 });
    void p.phone.start();
    const challenge = (req: Parameters<typeof p.wire.reply>[0]) =>
      p.wire.reply(req, 401, 'Unauthorized', {
        headers: [
          `WWW-Authenticate: Digest realm="example.com", nonce="n${calls}", algorithm=MD5, qop="auth"`,
        ],
      });

    challenge(await p.wire.next('REGISTER'));
    const first = await p.wire.next('REGISTER');
    assert.match(header(first, 'authorization'), /username="token-user-1"/);
    assert.equal(calls, 1);
    registerOk(p.wire, first, 1); // granted 1 s: our refresh comes at 50 %, about 500 ms later
    await p.event(is('registration', (e) => e.state === 'registered'));

    challenge(await p.wire.next('REGISTER'));
    const refresh = await p.wire.next('REGISTER');
    assert.equal(calls, 2);
    assert.match(header(refresh, 'authorization'), /username="token-user-2"/);
    registerOk(p.wire, refresh, 600);
    await p.phone.stop();
  });

  it('a rejected refresh reports "registration lapsed" and registers again', async () => {
    const p = scriptedPhone({ refreshAtPercent: 50 });
    await registered(p, 1);
    const refresh = await p.wire.next('REGISTER');
    p.wire.reply(refresh, 404, 'Not Found');
    const lapsed = await p.event(is('registration', (e) => e.state === 'unregistered'));
    assert.equal(lapsed.reason, 'registration lapsed');
    const again = await p.wire.next('REGISTER');
    assert.ok(again !== refresh);
    registerOk(p.wire, again);
    await p.event(
      is('registration', (e) => e.state === 'registered' && p.events.indexOf(e) > p.events.indexOf(lapsed)),
    );
    await p.phone.stop();
  });

  it('a refresh answered 200 without our Contact reports "registration lapsed" and registers again', async () => {
    // sip.js drops such a 200 and goes Unregistered without telling the request delegate.
    const p = scriptedPhone({ refreshAtPercent: 50 });
    await registered(p, 1);
    const refresh = await p.wire.next('REGISTER');
    p.wire.reply(refresh, 200, 'OK', { headers: ['Contact: <sip:someone-else@192.0.2.1>;expires=600'] });
    const lapsed = await p.event(is('registration', (e) => e.state === 'unregistered'));
    assert.equal(lapsed.reason, 'registration lapsed');
    registerOk(p.wire, await p.wire.next('REGISTER'));
    await p.phone.stop();
  });
});
