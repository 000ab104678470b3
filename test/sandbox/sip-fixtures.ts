/** Hand-written SIP peers for the raw WebSocket tests of the sandbox server. */
import { after, before } from 'node:test';
import { startSipServer, type SipServer } from '../../src/sandbox/sip-server.ts';
import { RawSipClient, header, headers, sipText, startLine } from './raw-sip-client.ts';

export const SDP =
  'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
let seq = 0;
export const branch = (): string => `z9hG4bKtest${++seq}`;

/** One raw SIP peer: an AOR user and a browser-like `*.invalid` Contact. */
export function peer(user: string) {
  const host = `${user}x.invalid`;
  return {
    user,
    contact: `sip:c${user}@${host};transport=ws`,
    via: (b: string) => `Via: SIP/2.0/WSS ${host};branch=${b}`,
    register: (expires = 600) =>
      sipText(`REGISTER sip:localhost SIP/2.0`, [
        `Via: SIP/2.0/WSS ${host};branch=${branch()}`,
        'Max-Forwards: 70',
        `To: <sip:${user}@localhost>`,
        `From: <sip:${user}@localhost>;tag=r${user}`,
        `Call-ID: reg-${user}-${seq}`,
        'CSeq: 1 REGISTER',
        `Contact: <sip:c${user}@${host};transport=ws>;expires=${expires}`,
      ]),
  };
}
export type Peer = ReturnType<typeof peer>;

/** Answer a received request with `status`, as a UA would (Vias, RR copied; To tag added). */
export function answer(request: string, status: string, contact: Peer, body = ''): string {
  return sipText(
    `SIP/2.0 ${status}`,
    [
      ...headers(request, 'via').map((v) => `Via: ${v}`),
      ...headers(request, 'record-route').map((v) => `Record-Route: ${v}`),
      `From: ${header(request, 'from')}`,
      `To: ${header(request, 'to')}${header(request, 'to')?.includes('tag=') ? '' : ';tag=callee'}`,
      `Call-ID: ${header(request, 'call-id')}`,
      `CSeq: ${header(request, 'cseq')}`,
      `Contact: <${contact.contact}>`,
      ...(body ? ['Content-Type: application/sdp'] : []),
    ],
    body,
  );
}

export const isStatus = (code: number) => (t: string) => startLine(t).startsWith(`SIP/2.0 ${code} `);
export const isMethod = (method: string) => (t: string) => startLine(t).startsWith(`${method} `);

/** For a describe block: a fresh sandbox SIP server and two raw clients, started before and closed after. */
export function serverWithTwoClients(): {
  readonly server: SipServer;
  readonly a: RawSipClient;
  readonly b: RawSipClient;
} {
  let server: SipServer | undefined;
  let clients: [RawSipClient, RawSipClient] | undefined;
  before(async () => {
    server = await startSipServer({ port: 0 });
    clients = await Promise.all([RawSipClient.connect(server.url), RawSipClient.connect(server.url)]);
  });
  after(async () => {
    await Promise.all((clients ?? []).map((c) => c.close()));
    await server?.close();
  });
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('used before the before() hook ran');
    return v;
  };
  return {
    get server() {
      return need(server);
    },
    get a() {
      return need(clients)[0];
    },
    get b() {
      return need(clients)[1];
    },
  };
}
