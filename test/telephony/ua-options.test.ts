import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAgent } from 'sip.js';
import { parsePhoneConfig } from '../../src/config.ts';
import { userAgentOptions } from '../../src/telephony/ua-options.ts';

describe('userAgentOptions', () => {
  it('gives a Contact user that never reads as a number (it would be taken as the DNIS)', () => {
    const config = parsePhoneConfig({ server: 'wss://pbx.example/ws', aor: 'sip:1001@pbx.example' });
    assert.ok(config.ok);
    const uri = UserAgent.makeURI('sip:1001@pbx.example');
    assert.ok(uri);
    const names = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const name = userAgentOptions(config.value, uri, {}, {}, () => undefined).contactName ?? '';
      assert.match(name, /^[a-z][0-9a-z]{10}$/);
      names.add(name);
    }
    assert.equal(names.size, 2_000, 'random per phone');
  });
});
