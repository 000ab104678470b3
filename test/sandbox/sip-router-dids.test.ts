/**
 * DIDs (the cache's pool numbers) in the sandbox SIP router, without sockets: a call to a number
 * rings the extension it is mapped to, with the Request-URI set to that extension's contact and
 * the To header left as dialled, so the callee's widget still derives the DNIS the cache keyed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveDnisAni } from '../../src/calldata/dnis-ani.ts';
import { parseSipMessage, type SipMessage } from '../../src/sandbox/sip-message.ts';
import { SipRouter, type Outbound } from '../../src/sandbox/sip-router.ts';
import { header, headers, sipText, startLine } from './raw-sip-client.ts';
import { SDP, answer, branch, peer } from './sip-fixtures.ts';

const AGENT = 1;
const CALLER = 2;
const agent = peer('1001');
const caller = peer('1009');
const DNIS = '5551234568';

function parse(text: string): SipMessage {
  const parsed = parseSipMessage(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.value;
}
const send = (router: SipRouter, connId: number, text: string): Outbound[] =>
  router.handle(connId, parse(text));

function invite(to: string, callId = 'did-1'): string {
  return sipText(
    `INVITE sip:${to}@localhost SIP/2.0`,
    [
      caller.via(branch()),
      'Max-Forwards: 70',
      `To: <sip:${to}@localhost>`,
      `From: "Customer (IVR)" <sip:1009@localhost>;tag=c${callId}`,
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      `Contact: <${caller.contact}>`,
      'Content-Type: application/sdp',
    ],
    SDP,
  );
}

const router = (users?: readonly string[]) =>
  new SipRouter({
    host: '127.0.0.1',
    port: 5066,
    users: users ? new Set(users) : undefined,
    numbers: new Map([
      [DNIS, '1001'],
      ['5551234569', '1001'],
      ['5550000000', '1004'],
      ['5550000001', 'ghost'],
    ]),
  });

/** What the callee's widget reads from the INVITE it got (src/telephony/call-data-port.ts). */
function widgetView(text: string) {
  const message = parse(text);
  const user = (uri: string) => /^sips?:([^@;]+)@/.exec(uri.replace(/^.*</, ''))?.[1];
  const users = {
    requestUriUser: message.kind === 'request' ? user(message.uri) : undefined,
    toUser: user(header(text, 'to') ?? ''),
    fromUser: user(header(text, 'from') ?? ''),
  };
  const defined = Object.fromEntries(Object.entries(users).filter(([, v]) => v !== undefined));
  return deriveDnisAni({ ...defined, headers: { get: (name) => headers(text, name) } });
}

describe('sandbox SIP router: DIDs', () => {
  it("rings the mapped extension's binding, Request-URI rewritten, To kept as dialled", () => {
    const r = router();
    send(r, AGENT, agent.register());
    const [out] = send(r, CALLER, invite(DNIS));
    assert.equal(out?.connId, AGENT);
    const text = out?.text ?? '';
    assert.equal(startLine(text), `INVITE ${agent.contact} SIP/2.0`);
    assert.equal(header(text, 'to'), `<sip:${DNIS}@localhost>`, 'the DNIS is untouched');
    // The contact's user (`c1001`) is not a number, so the widget's DNIS falls through to To.
    assert.deepEqual(widgetView(text), { dnis: DNIS, ani: '1009' }, 'the cache key the widget asks for');
  });

  it('keeps the dialog on the path: the 200 goes back, the ACK and BYE reach the agent', () => {
    const r = router();
    send(r, AGENT, agent.register());
    const [toAgent] = send(r, CALLER, invite(DNIS, 'did-2'));
    const [ok] = send(r, AGENT, answer(toAgent?.text ?? '', '200 OK', agent, SDP));
    assert.equal(ok?.connId, CALLER);
    assert.equal(header(ok?.text ?? '', 'to'), `<sip:${DNIS}@localhost>;tag=callee`);
    for (const method of ['ACK', 'BYE']) {
      const inDialog = sipText(`${method} ${agent.contact} SIP/2.0`, [
        caller.via(branch()),
        'Max-Forwards: 70',
        `To: <sip:${DNIS}@localhost>;tag=callee`,
        'From: <sip:1009@localhost>;tag=cdid-2',
        'Call-ID: did-2',
        `CSeq: ${method === 'ACK' ? 1 : 2} ${method}`,
      ]);
      assert.equal(send(r, CALLER, inDialog)[0]?.connId, AGENT, method);
    }
  });

  it('answers 480 for a number whose extension is offline, 404 for an unknown number', () => {
    const r = router(['1001', '1004', '1009']);
    send(r, AGENT, agent.register());
    assert.match(startLine(send(r, CALLER, invite('5550000000'))[0]?.text ?? ''), /^SIP\/2.0 480 /);
    assert.match(startLine(send(r, CALLER, invite('5550000001'))[0]?.text ?? ''), /^SIP\/2.0 404 /);
    assert.match(startLine(send(r, CALLER, invite('5559999999'))[0]?.text ?? ''), /^SIP\/2.0 404 /);
  });

  it('still rings an extension dialled directly, and a second pool number the same agent', () => {
    const r = router(['1001', '1009']);
    send(r, AGENT, agent.register());
    assert.equal(send(r, CALLER, invite('1001', 'did-3'))[0]?.connId, AGENT);
    const [out] = send(r, CALLER, invite('5551234569', 'did-4'));
    assert.equal(out?.connId, AGENT);
    assert.equal(widgetView(out?.text ?? '').dnis, '5551234569');
  });
});
