import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentKey, channelName, leaderLockName } from '../../src/tabs/names.ts';

describe('tabs: one key per agent', () => {
  it('is the same however the AOR was written (scheme and host case, URI parameters)', () => {
    const written = [
      'sip:1001@pbx.example.com',
      'SIP:1001@PBX.Example.com',
      'sip:1001@pbx.example.com;transport=ws',
    ];
    assert.deepEqual(new Set(written.map(agentKey)), new Set(['sip:1001@pbx.example.com']));
    assert.equal(leaderLockName(written[1] ?? ''), 'cti-softphone-leader:sip:1001@pbx.example.com');
    assert.equal(channelName(written[2] ?? ''), 'cti-softphone-tabs:sip:1001@pbx.example.com');
  });

  it('keeps agents apart: the user part is case-sensitive, sips is another scheme', () => {
    assert.notEqual(agentKey('sip:Alice@pbx'), agentKey('sip:alice@pbx'));
    assert.notEqual(agentKey('sips:1001@pbx'), agentKey('sip:1001@pbx'));
    assert.notEqual(agentKey('sip:1001@pbx'), agentKey('sip:1002@pbx'));
  });
});
