import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FarEnd } from './far-end.ts';
import { escapes, registeredTarget } from './escapes.ts';
import { header, headers, is, scriptedPhone } from './harness.ts';
import { malformedCases } from './malformed-frames.ts';
import { parseSip, tagOf, uriOf } from './sip-message.ts';

/** Long enough for sip.js's own promise chains (the 180 of an INVITE) to run out. */
const quiet = () => new Promise((r) => setTimeout(r, 50));

describe('messages sip.js mishandles, checked before sip.js parses them', () => {
  for (const c of malformedCases()) {
    const outcome = c.answer ? `answered ${c.answer}` : 'not answered';
    it(`${c.name}: ${outcome}, reported sip-malformed, nothing escapes, the phone still rings`, async () => {
      const p = scriptedPhone();
      const target = await registeredTarget(p);
      const escaped = escapes();
      try {
        const frame = c.frame(target);
        const before = p.events.length;
        p.wire.deliver(frame);
        const report = await p.event(is('error', (e) => p.events.indexOf(e) >= before));
        assert.equal(report.code, 'sip-malformed');
        assert.ok(report.message.length <= 200, report.message);
        assert.ok(!report.message.includes(c.callId), 'no raw header value in the report');

        if (c.answer) {
          const sent = parseSip(frame);
          const reply = await p.wire.next((m) => m.status !== undefined && header(m, 'call-id') === c.callId);
          assert.equal(reply.status, c.answer);
          assert.deepEqual(headers(reply, 'via'), headers(sent, 'via'));
          assert.equal(header(reply, 'cseq'), header(sent, 'cseq'));
          assert.equal(header(reply, 'from'), header(sent, 'from'));
          assert.equal(uriOf(header(reply, 'to')), uriOf(header(sent, 'to')));
          assert.ok(tagOf(header(reply, 'to')), 'a To tag');
          assert.equal(header(reply, 'content-length'), '0');
        }
        await quiet();
        // Exactly the answer above (no 100/180/480 from sip.js), or nothing at all.
        const forCase = p.wire.sent.filter((m) => headers(m, 'call-id')[0] === c.callId);
        assert.equal(forCase.length, c.answer ? 1 : 0);
        assert.equal(p.events.filter(is('offer')).length, 0);
        assert.deepEqual(escaped.seen, []);

        // Still registered, on the same socket, and a valid INVITE rings.
        assert.equal(p.wire.transport?.isConnected(), true);
        assert.equal(p.wire.connects, 1);
        assert.equal(p.events.filter(is('registration')).at(-1)?.state, 'registered');
        new FarEnd(p.wire, target.contact).invite();
        await p.event(is('offer'));
        await quiet();
        assert.deepEqual(escaped.seen, []);
      } finally {
        escaped.off();
        await p.phone.stop();
      }
    });
  }

  it('reports the refusal without echoing header values beyond a short printable excerpt', async () => {
    const p = scriptedPhone();
    const target = await registeredTarget(p);
    const scheme = `x${'a'.repeat(300)}`;
    p.wire.deliver(
      `INVITE ${scheme}:evil SIP/2.0\r\nVia: ${target.via}\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n` +
        `Call-ID: secret-call-id\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n`,
    );
    const report = await p.event(is('error'));
    assert.match(
      report.message,
      /^Refused a malformed INVITE with 416: unsupported Request-URI scheme "xa{15}…"$/,
    );
    assert.equal((await p.wire.next((m) => m.status === 416)).status, 416);
    await p.phone.stop();
  });
});
