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
});
