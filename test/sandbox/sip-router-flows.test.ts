/**
 * Which connection an in-dialog request reaches (SipRouter without sockets): contacts are
 * learnt only from accepted REGISTERs and relayed dialog-creating messages, and bounded.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DigestAuthenticator } from '../../src/sandbox/sip-digest.ts';
import { MAX_FLOWS_PER_CONNECTION } from '../../src/sandbox/flow-table.ts';
import { parseSipMessage } from '../../src/sandbox/sip-message.ts';
import { SipRouter } from '../../src/sandbox/sip-router.ts';
import type { Outbound } from '../../src/sandbox/sip-router.ts';
import { sipText, startLine } from './raw-sip-client.ts';
import { SDP, answer, branch, peer } from './sip-fixtures.ts';

const ALICE = 1;
const BOB = 2;
const MALLORY = 3;
const alice = peer('1001');
const bob = peer('1002');

function send(router: SipRouter, connId: number, text: string): Outbound[] {
  const parsed = parseSipMessage(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return router.handle(connId, parsed.value);
}

/** Bob's in-dialog INFO to `uri`: where does the router send it? */
function infoTo(router: SipRouter, uri: string): Outbound[] {
  return send(
    router,
    BOB,
    sipText(`INFO ${uri} SIP/2.0`, [
      bob.via(branch()),
      'Max-Forwards: 70',
      `To: <sip:1001@localhost>;tag=a1`,
      'From: <sip:1002@localhost>;tag=b1',
      'Call-ID: dlg-1',
      'CSeq: 2 INFO',
    ]),
  );
}

function invite(from: ReturnType<typeof peer>, to: string, contact: string, callId: string): string {
  return sipText(
    `INVITE sip:${to}@localhost SIP/2.0`,
    [
      from.via(branch()),
      'Max-Forwards: 70',
      `To: <sip:${to}@localhost>`,
      `From: <sip:${from.user}@localhost>;tag=t${callId}`,
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      `Contact: <${contact}>`,
      'Content-Type: application/sdp',
    ],
    SDP,
  );
}

function register(user: string, contact: string, extra: readonly string[] = []): string {
  return sipText('REGISTER sip:localhost SIP/2.0', [
    `Via: SIP/2.0/WSS m.invalid;branch=${branch()}`,
    'Max-Forwards: 70',
    `To: <sip:${user}@localhost>`,
    `From: <sip:${user}@localhost>;tag=r`,
    `Call-ID: reg-${user}-${branch()}`,
    'CSeq: 1 REGISTER',
    `Contact: <${contact}>`,
    ...extra,
  ]);
}

const openRouter = () => new SipRouter({ host: '127.0.0.1', port: 5066 });
const digestRouter = () => {
  const passwords: Record<string, string> = { '1001': 'pw1001', '1002': 'pw1002' };
  return new SipRouter({
    host: '127.0.0.1',
    port: 5066,
    users: new Set(Object.keys(passwords)),
    digest: new DigestAuthenticator('sandbox', (user) => passwords[user]),
  });
};

describe('sandbox SIP router: in-dialog flows', () => {
  const rejected = [
    {
      name: '401 (no credentials)',
      router: digestRouter,
      text: register('1001', alice.contact),
      status: 401,
    },
    { name: '404 (unknown user)', router: digestRouter, text: register('evil', alice.contact), status: 404 },
    {
      name: '400 (bad Expires)',
      router: openRouter,
      text: register('1001', alice.contact, ['Expires: soon']),
      status: 400,
    },
    {
      name: '423 (too brief)',
      router: openRouter,
      text: register('1001', alice.contact, ['Expires: 1']),
      status: 423,
    },
  ];
  for (const { name, router: make, text, status } of rejected) {
    it(`a REGISTER rejected with ${name} does not reroute the Contact it names`, () => {
      const router = make();
      const [answerToMallory] = send(router, MALLORY, text);
      assert.equal(answerToMallory?.connId, MALLORY);
      assert.match(startLine(answerToMallory?.text ?? ''), new RegExp(`^SIP/2.0 ${status} `));
      const out = infoTo(router, alice.contact);
      assert.ok(
        out.every((o) => o.connId !== MALLORY),
        'INFO for the Contact named by the rejected REGISTER went to its sender',
      );
      assert.equal(router.flowCount(MALLORY), 0);
    });
  }

  it('a relayed INVITE cannot take over a Contact registered on another connection', () => {
    const router = openRouter();
    send(router, ALICE, alice.register());
    send(router, BOB, bob.register());
    const relayed = send(router, MALLORY, invite(peer('1003'), '1002', alice.contact, 'hijack'));
    assert.equal(relayed[0]?.connId, BOB, 'the INVITE itself is still relayed');
    assert.equal(infoTo(router, alice.contact)[0]?.connId, ALICE);
  });

  it('learns the top Contact of a relayed INVITE and of its 2xx, not of rejected ones', () => {
    const router = openRouter();
    send(router, ALICE, alice.register());
    send(router, BOB, bob.register());
    const aliceDialog = 'sip:dlg-a@a2.invalid;transport=ws';
    const bobDialog = 'sip:dlg-b@b2.invalid;transport=ws';
    const [toBob] = send(router, ALICE, invite(alice, '1002', aliceDialog, 'c1'));
    assert.equal(toBob?.connId, BOB);
    const ok = answer(toBob?.text ?? '', '200 OK', { ...bob, contact: bobDialog }, SDP);
    assert.equal(send(router, BOB, ok)[0]?.connId, ALICE);
    assert.equal(infoTo(router, aliceDialog)[0]?.connId, ALICE);
    const ack = sipText(`ACK ${bobDialog} SIP/2.0`, [
      alice.via(branch()),
      'Max-Forwards: 70',
      'To: <sip:1002@localhost>;tag=callee',
      'From: <sip:1001@localhost>;tag=tc1',
      'Call-ID: c1',
      'CSeq: 1 ACK',
    ]);
    assert.equal(send(router, ALICE, ack)[0]?.connId, BOB);

    // An INVITE to nobody (480) teaches nothing.
    const [unavailable] = send(router, MALLORY, invite(peer('1003'), '1009', 'sip:m@m.invalid', 'c2'));
    assert.match(startLine(unavailable?.text ?? ''), /^SIP\/2.0 480 /);
    assert.equal(router.flowCount(MALLORY), 0);
  });

  it(`keeps at most ${MAX_FLOWS_PER_CONNECTION} contacts per connection, forgetting the oldest`, () => {
    const router = openRouter();
    send(router, BOB, bob.register());
    const total = MAX_FLOWS_PER_CONNECTION + 8;
    for (let i = 0; i < total; i++) {
      const [out] = send(router, MALLORY, invite(peer('1003'), '1002', `sip:x${i}@m.invalid`, `flood${i}`));
      assert.equal(out?.connId, BOB);
    }
    assert.equal(router.flowCount(MALLORY), MAX_FLOWS_PER_CONNECTION);
    assert.equal(infoTo(router, `sip:x${total - 1}@m.invalid`)[0]?.connId, MALLORY, 'newest kept');
    assert.notEqual(infoTo(router, 'sip:x0@m.invalid')[0]?.connId, MALLORY, 'oldest forgotten');
    router.connectionClosed(MALLORY);
    assert.equal(router.flowCount(), 1, "only bob's registered contact is left");
  });
});
