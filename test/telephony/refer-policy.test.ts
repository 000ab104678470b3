import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAgent } from 'sip.js';
import { referAcceptable } from '../../src/telephony/refer-policy.ts';

const uri = (s: string) => {
  const u = UserAgent.makeURI(s);
  if (!u) throw new Error(`bad test URI ${s}`);
  return u;
};

describe('referAcceptable', () => {
  const cases: [string, string | undefined, number, boolean][] = [
    ['a user in our domain, one call up', 'sip:2000@example.com', 1, true],
    ['our domain in other case, sips', 'sips:2000@EXAMPLE.com', 1, true],
    ['our domain with URI parameters', 'sip:2000@example.com;transport=ws', 1, true],
    ['both lines busy plus the referring call', 'sip:2000@example.com', 3, false],
    ['another domain', 'sip:2000@evil.example.net', 1, false],
    ['a subdomain of ours', 'sip:2000@pbx.example.com', 1, false],
    [
      'Replaces in URI headers',
      'sip:2000@example.com?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2',
      1,
      false,
    ],
    ['any other URI header', 'sip:2000@example.com?X-Data=1', 1, false],
    ['no user: the domain itself', 'sip:example.com', 1, false],
    ['a malformed Refer-To', undefined, 1, false],
  ];
  for (const [name, target, liveCalls, want] of cases) {
    it(`${name} → ${want ? 'accepted' : 'refused'}`, () => {
      assert.equal(
        referAcceptable(target === undefined ? undefined : uri(target), 'example.com', liveCalls),
        want,
      );
    });
  }

  it('refuses a scheme other than sip/sips', () => {
    assert.equal(
      referAcceptable({ scheme: 'tel', user: '2000', host: 'example.com', headers: {} }, 'example.com', 1),
      false,
    );
  });
});
