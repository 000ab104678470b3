import { Grammar } from 'sip.js';
import { certainlyParses } from './sip-fast-syntax.ts';
import { answerable, excerpt, hasControl, splitFrame, valuesOf, type SipFrame } from './sip-frame.ts';

/**
 * What to do with a message from the server before sip.js sees it, in the spirit of Kamailio's
 * sanity module: pass it on, answer it (a malformed request: 400, 416 or 505) or drop it (a
 * malformed response, a malformed ACK, or anything too broken to answer). `problem` is safe to
 * report: fixed text plus at most a short printable excerpt.
 */
export type SanityVerdict =
  | { readonly kind: 'ok' }
  | {
      readonly kind: 'reply';
      readonly status: 400 | 416 | 505;
      readonly reason: string;
      readonly problem: string;
      readonly frame: SipFrame;
    }
  | { readonly kind: 'drop'; readonly problem: string };

type Failure = { readonly status: 400 | 416 | 505; readonly reason: string; readonly problem: string };

/**
 * Headers sip.js parses as it reads a message, with the grammar rule it uses: if one fails,
 * sip.js silently drops the whole message (a request is never answered). `first`: only the first
 * line is parsed (Via).
 */
const PARSED: readonly (readonly [name: string, rule: string, first?: true])[] = [
  ['via', 'Via', true],
  ['from', 'From'],
  ['to', 'To'],
  ['call-id', 'Call_ID'],
  ['cseq', 'CSeq'],
  ['content-length', 'Content_Length'],
  ['content-type', 'Content_Type'],
  ['max-forwards', 'Max_Forwards'],
  ['contact', 'Contact'],
  ['record-route', 'Record_Route'],
  ['refer-to', 'Refer_To'],
  ['www-authenticate', 'WWW_Authenticate'],
  ['proxy-authenticate', 'Proxy_Authenticate'],
];
const SINGLE = ['from', 'to', 'call-id', 'cseq', 'content-length', 'content-type', 'max-forwards'];
const REQUIRED = ['via', 'from', 'to', 'call-id', 'cseq'];
const TOKEN = /^[!%'*+\-._`~0-9A-Za-z]+$/;
const REQUEST_LINE = /^(\S+) (\S+) (SIP\/\d+\.\d+)$/;
const STATUS_LINE = /^SIP\/2\.0 [1-6]\d\d /;

const SPELLING: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
};
/** A header name as RFC 3261 spells it, for reports. */
const nameOf = (name: string) =>
  SPELLING[name] ??
  excerpt(
    name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()),
    32,
  );
const bad = (reason: string, problem: string): Failure => ({ status: 400, reason, problem });
const parses = (value: string, rule: string) =>
  certainlyParses(value, rule) || Grammar.parse(value, rule) !== -1;

/** Judges one message as received from the transport. Never throws. */
export function checkIncoming(text: string): SanityVerdict {
  const frame = splitFrame(text);
  if (!frame)
    return { kind: 'drop', problem: 'dropped a frame that is not a SIP message (no header section)' };
  const request = REQUEST_LINE.exec(frame.startLine);
  if (request?.[1] && request[2] && request[3]) {
    const method = request[1];
    const failure = requestFailure(frame, method, request[2], request[3]);
    if (!failure) return { kind: 'ok' };
    const what = TOKEN.test(method) ? excerpt(method, 16) : 'request';
    if (method === 'ACK') return { kind: 'drop', problem: `dropped a malformed ACK: ${failure.problem}` };
    if (!answerable(frame))
      return {
        kind: 'drop',
        problem: `dropped a malformed ${what} (too broken to answer): ${failure.problem}`,
      };
    return {
      kind: 'reply',
      ...failure,
      problem: `refused a malformed ${what} with ${failure.status}: ${failure.problem}`,
      frame,
    };
  }
  if (STATUS_LINE.test(frame.startLine) && !hasControl(frame.startLine)) {
    const problem = messageFailure(frame, true)?.problem;
    return problem ? { kind: 'drop', problem: `dropped a malformed response: ${problem}` } : { kind: 'ok' };
  }
  return { kind: 'drop', problem: 'dropped a message whose start line is neither a request nor a response' };
}

function requestFailure(frame: SipFrame, method: string, uri: string, version: string): Failure | undefined {
  if (version !== 'SIP/2.0')
    return { status: 505, reason: 'Version Not Supported', problem: `SIP version ${excerpt(version, 12)}` };
  if (!TOKEN.test(method)) return bad('Bad Request', 'the method is not a token');
  const uriFailure = requestUriFailure(uri);
  if (uriFailure) return uriFailure;
  const failure = messageFailure(frame, false);
  if (failure) return failure;
  const [, cseqMethod] = (valuesOf(frame, 'cseq')[0] ?? '').split(/\s+/);
  if (cseqMethod !== method) return bad('CSeq Method Mismatch', 'the CSeq method differs from the method');
  for (const expires of valuesOf(frame, 'expires')) {
    if (!/^\d{1,10}$/.test(expires) || Number(expires) > 0xffffffff)
      return bad('Bad Expires', 'Expires is not an unsigned 32-bit integer');
  }
  if (!parses(frame.startLine, 'Request_Response')) return bad('Bad Request', 'unparsable request line');
  return undefined;
}

/**
 * sip.js understands sip: and sips: Request-URIs only (tel: too throws "Request-URI undefined."
 * in 0.21.2): anything else is an unsupported scheme (RFC 3261 8.2.2.1).
 */
function requestUriFailure(uri: string): Failure | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return bad('Bad Request-URI', 'the Request-URI has no scheme');
  if (scheme !== 'sip' && scheme !== 'sips')
    return {
      status: 416,
      reason: 'Unsupported URI Scheme',
      problem: `unsupported Request-URI scheme "${excerpt(scheme, 16)}"`,
    };
  if (!certainlyParses(uri, 'SIP_URI') && !Grammar.URIParse(uri))
    return bad('Bad Request-URI', 'unparsable Request-URI');
  return undefined;
}

/** The checks requests and responses share; `response` adds sip.js's rule of a single Via. */
function messageFailure(frame: SipFrame, response: boolean): Failure | undefined {
  if (frame.badLines > 0) return bad('Bad Header', 'a header line is not "name: value"');
  for (const name of REQUIRED) {
    if (valuesOf(frame, name).length === 0) return bad('Missing Header', `no ${nameOf(name)} header`);
  }
  for (const name of SINGLE) {
    if (valuesOf(frame, name).length > 1)
      return bad('Duplicate Header', `more than one ${nameOf(name)} header`);
  }
  for (const [name, value] of frame.headers) {
    if (hasControl(value)) return bad('Bad Header', `control character in ${nameOf(name)}`);
  }
  for (const [name, rule, first] of PARSED) {
    const values = valuesOf(frame, name);
    for (const value of first ? values.slice(0, 1) : values) {
      if (!parses(value, rule))
        return bad(`Bad ${rule.replace(/_/g, '-')}`, `unparsable ${nameOf(name)} header`);
    }
  }
  const vias = valuesOf(frame, 'via');
  if (response && (vias.length > 1 || (vias[0] ?? '').includes(',')))
    return bad('Bad Via', 'a response with more than one Via');
  const cseq = /^(\d+)\s/.exec(valuesOf(frame, 'cseq')[0] ?? '')?.[1] ?? '';
  if (cseq.length > 10 || Number(cseq) >= 2 ** 31) return bad('Bad CSeq', 'the CSeq number is 2^31 or more');
  return bodyFailure(frame);
}

function bodyFailure(frame: SipFrame): Failure | undefined {
  const length = valuesOf(frame, 'content-length')[0];
  const bytes = new TextEncoder().encode(frame.body).length;
  if (length !== undefined && Number(length) !== bytes)
    return bad('Bad Content-Length', `Content-Length ${excerpt(length, 12)} but the body has ${bytes} bytes`);
  if (bytes > 0 && valuesOf(frame, 'content-type').length === 0)
    return bad('Missing Content-Type', 'a body without Content-Type');
  return undefined;
}
