import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Grammar } from 'sip.js';
import { FAST_SHAPES } from '../../src/telephony/sip-fast-syntax.ts';

// The fast shapes let the sanity check skip sip.js's grammar; they are only safe if every value they
// accept, the grammar accepts too. Values are built from the pieces real messages are made of,
// then mutated one character at a time from an alphabet of SIP's punctuation: whatever still has
// the fast shape must parse.
const alphabet = fc.constantFrom(...'aZ09-._~!%*+`\'()<>@:;=/?"\\ ,[]{}&$#|^\t'.split(''));
const samples: Readonly<Record<string, readonly string[]>> = {
  Via: [
    'SIP/2.0/WSS abc.invalid;branch=z9hG4bK123;rport',
    'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa;received=127.0.0.1',
    // Kamailio's own Via, as it reaches the browser: two spaces before the host.
    'SIP/2.0/WS  127.0.0.1:41453;branch=z9hG4bK45b2.9d6b228287345c3c8cff948709de1e39.0',
    'SIP/2.0/WS tkil4d4ttkt4.invalid;rport=50536;received=127.0.0.1;branch=z9hG4bK3601671',
  ],
  From: ['"Agent 1001" <sip:1001@example.com>;tag=abc', '<sips:alice@a.b.example:5061;transport=tls>'],
  To: ['<sip:1002@example.com>', '"" <sip:x@h>;tag=1'],
  Contact: [
    '<sip:xyz@abc.invalid;transport=ws;ob;alias=127.0.0.1~58432~6>',
    '<sip:127.0.0.1:5066>;expires=600',
  ],
  Record_Route: [
    '<sip:127.0.0.1:5060;lr;r2=on>',
    '<sip:127.0.0.1:40123;transport=ws;r2=on;lr=on;ftag=a1b2;did=5f.1>',
  ],
  Call_ID: ['8m2k3j4h5g6f', 'a84b4c76e66710@pc33.example.com'],
  CSeq: ['2 INVITE', '314159 BYE'],
  Content_Length: ['0', '348'],
  Max_Forwards: ['70', '0'],
  Content_Type: ['application/sdp', 'message/sipfrag'],
  Request_Response: [
    'INVITE sip:1002@example.com SIP/2.0',
    'OPTIONS sip:127.0.0.1:5060;transport=ws SIP/2.0',
  ],
  SIP_URI: ['sip:1002@example.com', 'sips:alice.b@10.0.0.1:5061;transport=tls'],
};

const grammarAccepts = (value: string, rule: string): boolean =>
  rule === 'SIP_URI' ? Boolean(Grammar.URIParse(value)) : Grammar.parse(value, rule) !== -1;

describe('fast SIP header shapes', () => {
  for (const [rule, shape] of Object.entries(FAST_SHAPES)) {
    it(`${rule}: every value with the fast shape is accepted by sip.js's grammar`, () => {
      const seeds = samples[rule] ?? [];
      assert.ok(seeds.length > 0, `samples for ${rule}`);
      for (const s of seeds) assert.ok(shape.test(s), `the sample ${s} has the fast shape`);
      const mutated = fc
        .tuple(
          fc.constantFrom(...seeds),
          fc.array(fc.tuple(fc.nat(), alphabet, fc.boolean()), { maxLength: 4 }),
        )
        .map(([seed, edits]) =>
          edits.reduce((v, [at, ch, insert]) => {
            const i = v.length === 0 ? 0 : at % v.length;
            return v.slice(0, i) + ch + v.slice(insert ? i : i + 1);
          }, seed),
        );
      fc.assert(
        fc.property(mutated, (value) => !shape.test(value) || grammarAccepts(value, rule)),
        { numRuns: 1_000 },
      );
    });
  }
});
