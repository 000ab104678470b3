import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneConfig, sipDomain } from '../src/config.ts';

const minimal = { server: 'wss://pbx.example.com/ws', aor: 'sip:1001@pbx.example.com', password: 's3cret' };

describe('parsePhoneConfig', () => {
  it('fills defaults that are better than sip.js defaults', () => {
    const r = parsePhoneConfig(minimal);
    assert.ok(r.ok);
    assert.deepEqual(r.value.iceServers, [], 'no third-party STUN server');
    assert.ok(r.value.iceGatheringTimeoutMs <= 1000);
    assert.ok(r.value.refreshAtPercent <= 90);
    assert.ok(r.value.keepAliveIntervalS <= 30);
    assert.equal(r.value.reconnectBaseMs, 1000);
    assert.equal(r.value.reconnectMaxMs, 30_000);
    assert.equal(sipDomain(r.value), 'pbx.example.com');
  });

  it('refuses a webhook URL with a login in it (fetch would refuse it forever)', () => {
    const r = parsePhoneConfig({
      ...minimal,
      journal: { webhook: { url: 'https://u:pw@crm.example.com/e' } },
    });
    assert.ok(!r.ok);
    assert.match(r.error.issues.join(), /journal\.webhook\.url: must not hold a login/);
    assert.ok(!r.error.issues.join().includes('pw@'), 'the login is never echoed');
    assert.ok(
      parsePhoneConfig({ ...minimal, journal: { webhook: { url: 'https://crm.example.com/e?t=1' } } }).ok,
    );
  });

  it('names every bad field and never echoes the password', () => {
    const r = parsePhoneConfig({
      server: 'http://x',
      aor: 'not-a-uri',
      password: 'hunter2',
      iceGatheringTimeoutMs: 5000,
      dtmf: 'x',
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const fields = r.error.issues.map((i) => i.split(':')[0]);
    assert.deepEqual(fields.sort(), ['aor', 'dtmf', 'iceGatheringTimeoutMs', 'server']);
    assert.ok(!JSON.stringify(r.error).includes('hunter2'));
  });

  it('accepts an async credential provider but not together with a password', () => {
    const credentials = async () => ({ username: '1001', password: 'token' });
    assert.ok(parsePhoneConfig({ server: minimal.server, aor: minimal.aor, credentials }).ok);
    const both = parsePhoneConfig({ ...minimal, credentials });
    assert.equal(both.ok, false);
  });

  it('rejects unknown JSON shapes safely', () => {
    for (const bad of [null, 42, 'x', [], { server: 1 }]) assert.equal(parsePhoneConfig(bad).ok, false);
  });

  it('takes call-data sources: the cache needs an http(s) URL and a credential provider, the CRM hook a function', () => {
    const credentials = async () => ({ username: 'u', password: 'p' });
    const ok = parsePhoneConfig({
      ...minimal,
      cache: { url: 'https://cti.example.com', credentials },
      crm: { lookup: () => null },
    });
    assert.ok(ok.ok);
    assert.deepEqual(
      ok.ok
        ? [
            ok.value.cache?.timeoutMs,
            ok.value.cache?.consume,
            ok.value.crm?.timeoutMs,
            ok.value.callDataPrecedence,
          ]
        : [],
      [300, false, 1000, ['headers', 'cache', 'crm']],
    );
    const bad = parsePhoneConfig({
      ...minimal,
      cache: { url: 'ftp://x', credentials: 'secret' },
      crm: { lookup: 'no' },
    });
    assert.deepEqual(bad.ok ? [] : bad.error.issues.map((i) => i.split(':')[0]).sort(), [
      'cache.credentials',
      'cache.url',
      'crm.lookup',
    ]);
    assert.ok(!JSON.stringify(bad).includes('secret'));
  });
});
