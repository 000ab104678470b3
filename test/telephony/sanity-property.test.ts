import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { responseTo, splitFrame } from '../../src/telephony/sip-frame.ts';
import { checkIncoming } from '../../src/telephony/sip-sanity.ts';
import { FarEnd } from './far-end.ts';
import { DOMAIN, is, scriptedPhone } from './harness.ts';
import { escapes, registeredTarget } from './escapes.ts';
import { sipFrames } from './sip-arbitraries.ts';

const target = {
  contact: 'sip:abc@x.invalid;transport=ws',
  via: 'SIP/2.0/WSS x.invalid;branch=z9hG4bK1',
  domain: DOMAIN,
};
const REPLY_HEADERS = /^(Via|From|To|Call-ID|CSeq|Content-Length): [^\r\n]*$/;

describe('sanity check, property-style', () => {
  it('checkIncoming never throws, and its answers are one status line plus the copied headers', () => {
    fc.assert(
      fc.property(fc.oneof(sipFrames(target), fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
        const verdict = checkIncoming(text);
        assert.ok(['ok', 'reply', 'drop'].includes(verdict.kind));
        if (verdict.kind === 'ok') return;
        assert.ok(verdict.problem.length <= 200 && /^[\x20-\x7e…]+$/.test(verdict.problem), verdict.problem);
        if (verdict.kind !== 'reply') return;
        const reply = responseTo(verdict.frame, verdict.status, verdict.reason, 'tag1');
        const [status, ...lines] = reply.slice(0, -4).split('\r\n');
        assert.match(status ?? '', /^SIP\/2\.0 (400|416|505) [ -~]+$/);
        for (const line of lines) assert.match(line, REPLY_HEADERS); // nothing injected
        assert.ok(splitFrame(reply));
        assert.ok(reply.endsWith('Content-Length: 0\r\n\r\n'));
      }),
      { numRuns: 3000 },
    );
  });

  it('random frames over the scripted transport never throw out of its message path nor reject unhandled', async () => {
    const p = scriptedPhone();
    const t = await registeredTarget(p);
    const escaped = escapes();
    try {
      await fc.assert(
        fc.asyncProperty(sipFrames(t), async (frame) => {
          assert.doesNotThrow(() => p.wire.transport?.receive(frame));
          await new Promise((r) => setImmediate(r));
          assert.deepEqual(escaped.seen, []);
        }),
        { numRuns: 400 },
      );
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(escaped.seen, []);
      assert.ok(p.events.some(is('error', (e) => e.code === 'sip-malformed')));
      // The socket and the registration survived: a valid INVITE still rings.
      assert.equal(p.wire.connects, 1);
      assert.equal(p.events.filter(is('registration')).at(-1)?.state, 'registered');
      for (const offer of p.events.filter(is('offer'))) await p.phone.reject(offer.callId); // free the lines
      const before = p.events.length;
      const far = new FarEnd(p.wire, t.contact);
      far.invite();
      await p.event(is('offer', (e) => e.callId === far.callId && p.events.indexOf(e) >= before));
    } finally {
      escaped.off();
      await p.phone.stop();
    }
  });
});
