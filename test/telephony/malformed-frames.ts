// Messages sip.js 0.21.2 mishandles (see shared NOTES "sip.js 0.21.2 under unusual input"), as a
// proxy would deliver them over the WebSocket, with the answer the phone must give. Plain
// TypeScript: used by the Node tests over the scripted transport and by the browser test over a
// scripted WebSocket peer.
import { buildRequest, type RequestLine } from './sip-message.ts';

/** Where the proxy delivers to the phone. */
export interface Target {
  /** The phone's registered Contact URI (the Request-URI of an initial request to it). */
  readonly contact: string;
  /** The Via of a request the phone sent (a response to the phone carries it back). */
  readonly via: string;
  readonly domain: string;
}

export interface MalformedCase {
  readonly name: string;
  /** Unique per case: the reply (if any) is found by it. */
  readonly callId: string;
  readonly frame: (t: Target) => string;
  /** The status of the phone's answer; undefined: no answer at all. */
  readonly answer: 400 | 416 | 505 | undefined;
}

/** An audio offer as a browser would make it (BUNDLE, ICE, DTLS), enough to ring. */
export const WEBRTC_OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=msid-semantic: WMS',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:8hhY',
  'a=ice-pwd:asd88fgpdd777uzjYhagZg',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E:5E:EA:6F:AF:52:CE:E6:0F',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

const rand = () => Math.random().toString(36).slice(2, 10);
const CONTACT = 'Contact: <sip:3000@127.0.0.1:5060;transport=ws>';

function request(t: Target, callId: string, over: Partial<RequestLine> = {}): RequestLine {
  return {
    method: 'INVITE',
    uri: t.contact,
    from: `"Far End" <sip:3000@${t.domain}>;tag=${rand()}`,
    to: `<sip:1001@${t.domain}>`,
    callId,
    cseq: 1,
    ...over,
  };
}

/** A well-formed INVITE with an audio offer: it must ring the phone. */
export function validInvite(t: Target, callId = `ok-${rand()}`, body = WEBRTC_OFFER): string {
  return buildRequest(request(t, callId), { headers: [CONTACT], body });
}

const withoutContentType = (text: string) => text.replace(/^Content-Type: .*\r\n/m, '');

/** The three of the issue first, then some of Kamailio's sanity checks. */
export function malformedCases(): MalformedCase[] {
  const id = (name: string) => `bad-${name}-${rand()}`;
  const cases: MalformedCase[] = [];
  const add = (
    name: string,
    answer: MalformedCase['answer'],
    frame: (t: Target, callId: string) => string,
  ) => {
    const callId = id(name.replace(/\W+/g, '-').slice(0, 24));
    cases.push({ name, callId, answer, frame: (t) => frame(t, callId) });
  };
  add('INVITE with a body but no Content-Type', 400, (t, c) => withoutContentType(validInvite(t, c)));
  add('INVITE to an xmpp: Request-URI', 416, (t, c) =>
    buildRequest(request(t, c, { uri: 'xmpp:1001@example.com' }), { headers: [CONTACT], body: WEBRTC_OFFER }),
  );
  add('200 OK with an unparsable CSeq', undefined, (t, c) =>
    [
      'SIP/2.0 200 OK',
      `Via: ${t.via}`,
      `From: <sip:1001@${t.domain}>;tag=${rand()}`,
      `To: <sip:1001@${t.domain}>;tag=${rand()}`,
      `Call-ID: ${c}`,
      'CSeq: garbage',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  add('ACK with a body but no Content-Type', undefined, (t, c) =>
    withoutContentType(
      buildRequest(request(t, c, { method: 'ACK', to: `<sip:1001@${t.domain}>;tag=${rand()}` }), {
        body: WEBRTC_OFFER,
      }),
    ),
  );
  add('INVITE to a tel: Request-URI', 416, (t, c) =>
    buildRequest(request(t, c, { uri: 'tel:+15551234' }), { headers: [CONTACT], body: WEBRTC_OFFER }),
  );
  add('INVITE whose Content-Length exceeds its body', 400, (t, c) =>
    validInvite(t, c).replace(/Content-Length: (\d+)/, (_, n: string) => `Content-Length: ${Number(n) + 10}`),
  );
  add('OPTIONS whose CSeq method is not its method', 400, (t, c) =>
    buildRequest(request(t, c, { method: 'OPTIONS' })).replace(/^CSeq: 1 OPTIONS/m, 'CSeq: 1 INVITE'),
  );
  add('INVITE in SIP/3.0', 505, (t, c) => validInvite(t, c).replace(/ SIP\/2\.0\r\n/, ' SIP/3.0\r\n'));
  add('INVITE with an unparsable From', 400, (t, c) =>
    validInvite(t, c).replace(/^From: .*$/m, 'From: <<sip:3000@'),
  );
  add('INVITE with Expires: abc', 400, (t, c) =>
    buildRequest(request(t, c), { headers: [CONTACT, 'Expires: abc'], body: WEBRTC_OFFER }),
  );
  add('INVITE without a Call-ID (too broken to answer)', undefined, (t, c) =>
    validInvite(t, c).replace(/^Call-ID: .*\r\n/m, ''),
  );
  return cases;
}
