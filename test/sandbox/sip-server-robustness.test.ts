import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RawSipClient, header, sipText, startLine } from './raw-sip-client.ts';
import { branch, peer, serverWithTwoClients } from './sip-fixtures.ts';

describe('sandbox SIP server: keep-alive, garbage, disconnects', () => {
  const ctx = serverWithTwoClients();
  const alice = peer('1001');
  const bob = peer('1002');

  it('registers both users', async () => {
    ctx.a.send(alice.register());
    ctx.b.send(bob.register());
    const [okA, okB] = await Promise.all([ctx.a.next(), ctx.b.next()]);
    assert.equal(startLine(okA), 'SIP/2.0 200 OK');
    assert.equal(startLine(okB), 'SIP/2.0 200 OK');
  });

  it('answers a CRLF keep-alive and a server OPTIONS', async () => {
    ctx.a.send('\r\n\r\n');
    assert.equal(await ctx.a.next(), '\r\n');
    ctx.a.send(
      sipText('OPTIONS sip:localhost SIP/2.0', [
        alice.via(branch()),
        'To: <sip:localhost>',
        'From: <sip:1001@localhost>;tag=o',
        'Call-ID: opt1',
        'CSeq: 1 OPTIONS',
      ]),
    );
    const ok = await ctx.a.next();
    assert.equal(startLine(ok), 'SIP/2.0 200 OK');
    assert.match(header(ok, 'allow') ?? '', /INVITE/);
  });

  it('survives garbage frames and keeps serving', async () => {
    ctx.a.send('hello, not SIP');
    ctx.a.send(Buffer.from([0xff, 0xfe, 0x00, 0x80]), true);
    ctx.a.send('INVITE sip:1002@localhost SIP/2.0\r\nVia: x\r\n\r\n');
    ctx.a.send(
      sipText('ACK sip:%zz@localhost SIP/2.0', [
        alice.via(branch()),
        'To: <sip:%zz@localhost>',
        'From: <sip:1001@localhost>;tag=g',
        'Call-ID: g',
        'CSeq: 1 ACK',
      ]),
    );
    ctx.a.send(
      'INFO sip:1002@localhost SIP/2.0\r\nVia: SIP/2.0/WSS h.invalid;branch=z9hG4bKx\r\nTo: <sip:1002@localhost>\r\nFrom: <sip:1001@localhost>;tag=g\r\nCall-ID: g\r\nCSeq: 1 INFO\r\nContent-Length: 999\r\n\r\nshort',
    );
    ctx.a.send(
      sipText('SIP/2.0 200 OK', [
        'Via: SIP/2.0/WS 127.0.0.1:1;branch=z9hG4bKc99x0123456789abcdef',
        'To: <sip:x@y>',
        'From: <sip:x@y>',
        'Call-ID: r',
        'CSeq: 1 INVITE',
      ]),
    );
    ctx.a.send('\r\n\r\n');
    assert.equal(await ctx.a.next(), '\r\n', 'still answering on the same socket after garbage');
    assert.deepEqual(ctx.a.pending(), [], 'garbage got no reply');
    ctx.b.send(bob.register());
    assert.equal(startLine(await ctx.b.next()), 'SIP/2.0 200 OK');
  });

  it('closes only the socket that sends an oversized frame', async () => {
    const c = await RawSipClient.connect(ctx.server.url);
    const closed = c.closed();
    c.send(`REGISTER sip:localhost SIP/2.0\r\n${'X: y\r\n'.repeat(20_000)}\r\n`);
    assert.equal(await closed, 1009, 'message too big');
    ctx.b.send(bob.register());
    assert.equal(startLine(await ctx.b.next()), 'SIP/2.0 200 OK');
  });

  it('refuses a WebSocket without the sip subprotocol or from a foreign page', async () => {
    await assert.rejects(RawSipClient.connect(ctx.server.url, 'chat'), /Unexpected server response: 401/);
    await assert.rejects(RawSipClient.connect(ctx.server.url, 'sip', 'https://evil.example'), /401/);
    const local = await RawSipClient.connect(ctx.server.url, 'sip', 'http://localhost:5173');
    await local.close();
  });

  it('forgets a binding when its WebSocket closes', async () => {
    await ctx.b.close();
    const deadline = Date.now() + 5000;
    while (ctx.server.registrations().includes('1002') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(ctx.server.registrations(), ['1001']);
  });
});
