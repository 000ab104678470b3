/**
 * Just enough SIP (RFC 3261) for the test side of a scripted transport: parse what the UA sends,
 * build the replies and requests a registrar or a far end would send.
 */
export interface SipMessage {
  /** Request method, or undefined for a response. */
  readonly method: string | undefined;
  readonly requestUri: string | undefined;
  /** Response status, or undefined for a request. */
  readonly status: number | undefined;
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: string;
  readonly raw: string;
}

const compact: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
};
const norm = (name: string) => {
  const n = name.trim().toLowerCase();
  return compact[n] ?? n;
};

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const [start = '', ...lines] = head.split('\r\n');
  const headers = lines.map((l): [string, string] => {
    const colon = l.indexOf(':');
    return [norm(l.slice(0, colon)), l.slice(colon + 1).trim()];
  });
  const response = /^SIP\/2\.0 (\d{3}) /.exec(start);
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(start);
  return {
    method: request?.[1],
    requestUri: request?.[2],
    status: response ? Number(response[1]) : undefined,
    headers,
    body,
    raw,
  };
}

/** All values of a header (case-insensitive, compact forms included). */
export const headers = (m: SipMessage, name: string): string[] =>
  m.headers.filter(([n]) => n === norm(name)).map(([, v]) => v);

export function header(m: SipMessage, name: string): string {
  const v = headers(m, name)[0];
  if (v === undefined) throw new Error(`no ${name} header in:\n${m.raw}`);
  return v;
}

/** The method a response answers, from its CSeq. */
export const cseqMethod = (m: SipMessage): string => header(m, 'cseq').split(/\s+/)[1] ?? '';

/** A URI inside angle brackets, or the whole value. */
export const uriOf = (value: string): string => /<([^>]+)>/.exec(value)?.[1] ?? value.split(';')[0] ?? value;

export const tagOf = (value: string): string | undefined => /;tag=([^;\s]+)/.exec(value)?.[1];

export interface Extra {
  readonly headers?: readonly string[];
  readonly body?: string;
  readonly contentType?: string;
}

function finish(lines: string[], extra: Extra): string {
  lines.push(...(extra.headers ?? []));
  const body = extra.body ?? '';
  if (body) lines.push(`Content-Type: ${extra.contentType ?? 'application/sdp'}`);
  lines.push(`Content-Length: ${new TextEncoder().encode(body).length}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A response to `req`: Via, From, To, Call-ID and CSeq copied from it, a To tag added if missing. */
export function buildResponse(
  req: SipMessage,
  status: number,
  reason: string,
  extra: Extra & { toTag?: string } = {},
): string {
  const to = header(req, 'to');
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const via of headers(req, 'via')) lines.push(`Via: ${via}`);
  lines.push(`From: ${header(req, 'from')}`);
  lines.push(
    `To: ${tagOf(to) !== undefined || status === 100 ? to : `${to};tag=${extra.toTag ?? 'srv' + Math.random().toString(36).slice(2, 10)}`}`,
  );
  lines.push(`Call-ID: ${header(req, 'call-id')}`, `CSeq: ${header(req, 'cseq')}`);
  return finish(lines, extra);
}

export interface RequestLine {
  readonly method: string;
  readonly uri: string;
  readonly from: string;
  readonly to: string;
  readonly callId: string;
  readonly cseq: number;
  readonly branch?: string;
}

/** A request as a proxy would deliver it over the WebSocket. */
export function buildRequest(r: RequestLine, extra: Extra = {}): string {
  const branch = r.branch ?? `z9hG4bK${Math.random().toString(36).slice(2, 12)}`;
  const lines = [
    `${r.method} ${r.uri} SIP/2.0`,
    `Via: SIP/2.0/WSS 127.0.0.1:5060;branch=${branch}`,
    'Max-Forwards: 70',
    `From: ${r.from}`,
    `To: ${r.to}`,
    `Call-ID: ${r.callId}`,
    `CSeq: ${r.cseq} ${r.method}`,
  ];
  return finish(lines, extra);
}
