import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bodyOf, header, headers, sipText, startLine } from './raw-sip-client.ts';
import { SDP, answer, branch, isMethod, isStatus, peer, serverWithTwoClients } from './sip-fixtures.ts';

describe('sandbox SIP server (open registration)', () => {
  const ctx = serverWithTwoClients();
  const alice = peer('1001');
  const bob = peer('1002');

  it('registers both users and echoes their Contact with expires', async () => {
    ctx.a.send(alice.register());
    ctx.b.send(bob.register());
    const [okA, okB] = await Promise.all([ctx.a.next(), ctx.b.next()]);
    assert.equal(startLine(okA), 'SIP/2.0 200 OK');
    assert.equal(header(okA, 'contact'), `<${alice.contact}>;expires=600`);
    assert.equal(startLine(okB), 'SIP/2.0 200 OK');
    assert.deepEqual(ctx.server.registrations(), ['1001', '1002']);
  });

  it('carries a call A → B: INVITE, 180, 200, ACK and BYE in-dialog', async () => {
    const inviteBranch = branch();
    const invite = sipText(
      'INVITE sip:1002@localhost SIP/2.0',
      [
        alice.via(inviteBranch),
        'Max-Forwards: 70',
        'To: <sip:1002@localhost>',
        'From: "Agent 1001" <sip:1001@localhost>;tag=a1',
        'Call-ID: call-1',
        'CSeq: 1 INVITE',
        `Contact: <${alice.contact}>`,
        'X-Call-Data: case=123; queue="gold"',
        'Content-Type: application/sdp',
      ],
      SDP,
    );
    ctx.a.send(invite);
    const got = await ctx.b.next(isMethod('INVITE'));
    assert.equal(startLine(got), `INVITE ${bob.contact} SIP/2.0`, 'R-URI rewritten to the binding');
    assert.equal(bodyOf(got), SDP, 'same body');
    assert.equal(header(got, 'x-call-data'), 'case=123; queue="gold"', 'custom header kept verbatim');
    assert.equal(headers(got, 'via').length, 2);
    assert.equal(header(got, 'max-forwards'), '69');
    const recordRoute = header(got, 'record-route');
    assert.equal(recordRoute, `<sip:127.0.0.1:${ctx.server.port};transport=ws;lr>`);

    ctx.b.send(answer(got, '180 Ringing', bob));
    const ringing = await ctx.a.next(isStatus(180));
    assert.deepEqual(
      headers(ringing, 'via'),
      [`SIP/2.0/WSS 1001x.invalid;branch=${inviteBranch}`],
      'only the caller Via',
    );
    ctx.b.send(answer(got, '200 OK', bob, SDP));
    const ok = await ctx.a.next(isStatus(200));
    assert.equal(bodyOf(ok), SDP);
    assert.equal(header(ok, 'record-route'), recordRoute);

    const toTag = header(ok, 'to') ?? '';
    const inDialog = (method: string, cseq: number) => [
      alice.via(branch()),
      'Max-Forwards: 70',
      `Route: ${recordRoute}`,
      `To: ${toTag}`,
      'From: "Agent 1001" <sip:1001@localhost>;tag=a1',
      'Call-ID: call-1',
      `CSeq: ${cseq} ${method}`,
    ];
    ctx.a.send(sipText(`ACK ${bob.contact} SIP/2.0`, inDialog('ACK', 1)));
    const ack = await ctx.b.next(isMethod('ACK'));
    assert.equal(startLine(ack), `ACK ${bob.contact} SIP/2.0`);
    assert.equal(header(ack, 'route'), undefined, 'our Route is consumed');

    // BYE from the callee travels back through the proxy to the caller's Contact.
    const bye = sipText(`BYE ${alice.contact} SIP/2.0`, [
      bob.via(branch()),
      'Max-Forwards: 70',
      `Route: ${recordRoute}`,
      'To: "Agent 1001" <sip:1001@localhost>;tag=a1',
      `From: ${toTag}`,
      'Call-ID: call-1',
      'CSeq: 1 BYE',
    ]);
    ctx.b.send(bye);
    const gotBye = await ctx.a.next(isMethod('BYE'));
    ctx.a.send(answer(gotBye, '200 OK', alice));
    const byeOk = await ctx.b.next(isStatus(200));
    assert.equal(header(byeOk, 'cseq'), '1 BYE');
  });

  it('forwards a CANCEL with the same branch as its INVITE', async () => {
    const shared = branch();
    const base = [
      'Max-Forwards: 70',
      'To: <sip:1002@localhost>',
      'From: <sip:1001@localhost>;tag=a2',
      'Call-ID: call-2',
      `Contact: <${alice.contact}>`,
    ];
    ctx.a.send(
      sipText(
        'INVITE sip:1002@localhost SIP/2.0',
        [alice.via(shared), ...base, 'CSeq: 1 INVITE', 'Content-Type: application/sdp'],
        SDP,
      ),
    );
    const invite = await ctx.b.next(isMethod('INVITE'));
    ctx.a.send(sipText('CANCEL sip:1002@localhost SIP/2.0', [alice.via(shared), ...base, 'CSeq: 1 CANCEL']));
    const cancel = await ctx.b.next(isMethod('CANCEL'));
    assert.equal(headers(cancel, 'via')[0], headers(invite, 'via')[0]);
  });

  it('answers 480 for a user who is not registered, and drops the ACK', async () => {
    ctx.a.send(
      sipText('INVITE sip:1003@localhost SIP/2.0', [
        alice.via(branch()),
        'Max-Forwards: 70',
        'To: <sip:1003@localhost>',
        'From: <sip:1001@localhost>;tag=a3',
        'Call-ID: call-3',
        'CSeq: 1 INVITE',
        `Contact: <${alice.contact}>`,
      ]),
    );
    const reply = await ctx.a.next();
    assert.equal(startLine(reply), 'SIP/2.0 480 Temporarily Unavailable');
    assert.match(header(reply, 'to') ?? '', /;tag=/);
    ctx.a.send(
      sipText('ACK sip:1003@localhost SIP/2.0', [
        alice.via(branch()),
        'Max-Forwards: 70',
        `To: ${header(reply, 'to')}`,
        'From: <sip:1001@localhost>;tag=a3',
        'Call-ID: call-3',
        'CSeq: 1 ACK',
      ]),
    );
    ctx.a.send('\r\n\r\n');
    assert.equal(await ctx.a.next(), '\r\n', 'the ACK got no answer');
  });
});
