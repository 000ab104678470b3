import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startSipServer } from '../../src/sandbox/sip-server.ts';
import type { SipServer } from '../../src/sandbox/sip-server.ts';
import { DigestAuthenticator, NONCE_TTL_MS, parseAuthorization } from '../../src/sandbox/sip-digest.ts';
import { RawSipClient, header, sipText, startLine } from './raw-sip-client.ts';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function authorization(user: string, password: string, challenge: string, nc = '00000001'): string {
  const realm = /realm="([^"]+)"/.exec(challenge)?.[1] ?? '';
  const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1] ?? '';
  const uri = 'sip:localhost';
  const ha1 = md5(`${user}:${realm}:${password}`);
  const ha2 = md5(`REGISTER:${uri}`);
  const response = md5(`${ha1}:${nonce}:${nc}:abc:auth:${ha2}`);
  return `Digest algorithm=MD5, username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, cnonce="abc", nc=${nc}`;
}

let cseq = 0;
function register(user: string, auth?: string): string {
  return sipText('REGISTER sip:localhost SIP/2.0', [
    `Via: SIP/2.0/WSS h${user}.invalid;branch=z9hG4bKd${++cseq}`,
    'Max-Forwards: 70',
    `To: <sip:${user}@localhost>`,
    `From: <sip:${user}@localhost>;tag=d${user}`,
    `Call-ID: digest-${user}`,
    `CSeq: ${cseq} REGISTER`,
    `Contact: <sip:c${user}@h${user}.invalid;transport=ws>;expires=300`,
    ...(auth ? [`Authorization: ${auth}`] : []),
  ]);
}

describe('sandbox SIP server with digest users', () => {
  let server: SipServer;
  let client: RawSipClient;
  before(async () => {
    server = await startSipServer({ port: 0, users: { '1001': 'pw1001', '1002': 'pw1002' } });
    client = await RawSipClient.connect(server.url);
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  it('challenges, then accepts the right password', async () => {
    client.send(register('1001'));
    const challenge = await client.next();
    assert.equal(startLine(challenge), 'SIP/2.0 401 Unauthorized');
    const www = header(challenge, 'www-authenticate') ?? '';
    assert.match(www, /^Digest realm="sandbox", nonce="[^"]+", algorithm=MD5, qop="auth"$/);
    client.send(register('1001', authorization('1001', 'pw1001', www)));
    const ok = await client.next();
    assert.equal(startLine(ok), 'SIP/2.0 200 OK');
    assert.equal(header(ok, 'contact'), '<sip:c1001@h1001.invalid;transport=ws>;expires=300');
    assert.deepEqual(server.registrations(), ['1001']);
  });

  it('refuses a wrong password with 403 and an unknown user with 404', async () => {
    client.send(register('1002'));
    const www = header(await client.next(), 'www-authenticate') ?? '';
    client.send(register('1002', authorization('1002', 'wrong', www)));
    assert.equal(startLine(await client.next()), 'SIP/2.0 403 Forbidden');
    client.send(register('1002', authorization('1001', 'pw1001', www)));
    assert.equal(startLine(await client.next()), 'SIP/2.0 403 Forbidden', "another user's credentials");
    client.send(register('1999'));
    assert.equal(startLine(await client.next()), 'SIP/2.0 404 Not Found');
  });

  it('answers 404 for an unknown callee and 480 for a known one who is offline', async () => {
    const invite = (to: string): string =>
      sipText(`INVITE sip:${to}@localhost SIP/2.0`, [
        'Via: SIP/2.0/WSS h1001.invalid;branch=z9hG4bKi' + to,
        'Max-Forwards: 70',
        `To: <sip:${to}@localhost>`,
        'From: <sip:1001@localhost>;tag=x',
        `Call-ID: i${to}`,
        'CSeq: 1 INVITE',
        'Contact: <sip:c1001@h1001.invalid;transport=ws>',
      ]);
    client.send(invite('1999'));
    assert.equal(startLine(await client.next()), 'SIP/2.0 404 Not Found');
    client.send(invite('1002'));
    assert.equal(startLine(await client.next()), 'SIP/2.0 480 Temporarily Unavailable');
  });
});

describe('DigestAuthenticator', () => {
  it('marks an old nonce stale and a forged one missing', () => {
    let now = 1_000_000;
    const digest = new DigestAuthenticator(
      'sandbox',
      (u) => (u === '1001' ? 'pw1001' : undefined),
      () => now,
    );
    const www = digest.challenge();
    const auth = authorization('1001', 'pw1001', www);
    assert.equal(digest.verify('REGISTER', '1001', auth), 'ok');
    now += NONCE_TTL_MS + 1;
    assert.equal(digest.verify('REGISTER', '1001', auth), 'stale');
    assert.equal(
      digest.verify('REGISTER', '1001', auth.replace(/nonce="[^"]+"/, 'nonce="abc.def"')),
      'missing',
    );
    assert.equal(parseAuthorization('Basic abc'), undefined);
    assert.equal(parseAuthorization('Digest username="1001", garbage'), undefined);
  });
});
