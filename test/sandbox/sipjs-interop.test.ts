/** sip.js 0.21.2 user agents (the widget's SIP stack) through the sandbox server. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Inviter, UserAgent } from 'sip.js';
import type { Invitation, Referral } from 'sip.js';
import { startSipServer } from '../../src/sandbox/sip-server.ts';
import type { SipServer } from '../../src/sandbox/sip-server.ts';
import { RegistererState, SessionState, registererReaches, sessionReaches, startPeer } from './sipjs-peer.ts';
import type { Peer } from './sipjs-peer.ts';

const target = (user: string) => {
  const uri = UserAgent.makeURI(`sip:${user}@localhost`);
  if (!uri) throw new Error('bad uri');
  return uri;
};

describe('sip.js UserAgents through the sandbox server', () => {
  let server: SipServer;
  let a: Peer;
  let b: Peer;
  let c: Peer;
  let refer: Promise<Referral>;
  const resolveRefer: ((r: Referral) => void)[] = [];

  before(async () => {
    server = await startSipServer({
      port: 0,
      users: { '1001': 'pw1001', '1002': 'pw1002', '1003': 'pw1003' },
      ...(process.env['SIP_LOG'] ? { log: (line: string) => console.log(`[sip] ${line}`) } : {}),
    });
    refer = new Promise((resolve) => resolveRefer.push(resolve));
    [a, b, c] = await Promise.all([
      startPeer(server.url, '1001', 'pw1001'),
      startPeer(server.url, '1002', 'pw1002'),
      startPeer(server.url, '1003', 'pw1003'),
    ]);
  });
  after(async () => {
    await Promise.all([a.stop(), b.stop(), c.stop()]);
    await server.close();
  });

  it('registers with digest', async () => {
    await Promise.all([a, b, c].map((p) => p.registerer.register()));
    await Promise.all([a, b, c].map((p) => registererReaches(p.registerer, RegistererState.Registered)));
    assert.deepEqual(server.registrations(), ['1001', '1002', '1003']);
  });

  let inviter: Inviter;
  let invitation: Invitation;

  it('calls 1001 → 1002 with a custom header, then INFO and a re-INVITE in the dialog', async () => {
    inviter = new Inviter(a.ua, target('1002'), { extraHeaders: ['X-Call-Data: case=42'] });
    inviter.delegate = { onRefer: (referral) => resolveRefer[0]?.(referral) };
    await inviter.invite();
    invitation = await b.nextInvitation();
    assert.equal(invitation.request.getHeader('X-Call-Data'), 'case=42');
    assert.equal(invitation.remoteIdentity.uri.user, '1001');
    const infoBody = new Promise<string>((resolve) => {
      invitation.delegate = {
        onInfo: (info) => {
          void info.accept();
          resolve(info.request.body);
        },
      };
    });
    await invitation.accept();
    await Promise.all([
      sessionReaches(inviter, SessionState.Established),
      sessionReaches(invitation, SessionState.Established),
    ]);

    const infoAccepted = new Promise<number | undefined>((resolve) => {
      void inviter.info({
        requestDelegate: { onAccept: (response) => resolve(response.message.statusCode) },
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: 'Signal=5\r\nDuration=100\r\n',
          },
        },
      });
    });
    assert.equal(await infoAccepted, 200);
    assert.equal(await infoBody, 'Signal=5\r\nDuration=100\r\n');

    const reinvite = new Promise<number | undefined>((resolve) => {
      void inviter.invite({
        requestDelegate: { onAccept: (response) => resolve(response.message.statusCode) },
      });
    });
    assert.equal(await reinvite, 200);
  });

  it('blind-transfers 1001 to 1003 with REFER (1002 hangs up after the 202)', async () => {
    const accepted = new Promise<number | undefined>((resolve) => {
      void invitation.refer(target('1003'), {
        requestDelegate: { onAccept: (response) => resolve(response.message.statusCode) },
      });
    });
    const referral = await refer;
    await referral.accept();
    assert.equal(await accepted, 202);
    const transferred = referral.makeInviter();
    await transferred.invite();
    const atC = await c.nextInvitation();
    await atC.accept();
    await Promise.all([
      sessionReaches(transferred, SessionState.Established),
      sessionReaches(atC, SessionState.Established),
    ]);

    await invitation.bye();
    await sessionReaches(inviter, SessionState.Terminated);
    await atC.bye();
    await sessionReaches(transferred, SessionState.Terminated);
  });

  it('gets 480 calling a user who is offline, and 404 for an unknown one', async () => {
    await c.registerer.unregister();
    await registererReaches(c.registerer, RegistererState.Unregistered);
    for (const [user, status] of [
      ['1003', 480],
      ['1999', 404],
    ] as const) {
      const rejected = new Promise<number | undefined>((resolve) => {
        void new Inviter(a.ua, target(user)).invite({
          requestDelegate: { onReject: (r) => resolve(r.message.statusCode) },
        });
      });
      assert.equal(await rejected, status);
    }
  });

  it('rejects a wrong password with 403', async () => {
    const intruder = await startPeer(server.url, '1002', 'not-the-password');
    try {
      const rejected = new Promise<number | undefined>((resolve) => {
        void intruder.registerer.register({
          requestDelegate: { onReject: (r) => resolve(r.message.statusCode) },
        });
      });
      assert.equal(await rejected, 403);
    } finally {
      await intruder.stop();
    }
  });
});
