/**
 * A SIP message split, without interpretation, into its start line, header fields (folded lines
 * joined, compact names expanded) and body: just enough structure to judge a message before
 * sip.js parses it, and to answer it.
 */
export interface SipFrame {
  readonly startLine: string;
  /** In order; names lower-cased. A line without a colon or with a non-token name is kept in `badLines`. */
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly badLines: number;
  readonly body: string;
}

/** RFC 3261 compact forms, as far as sip.js itself knows them. */
const COMPACT: Readonly<Record<string, string>> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  r: 'refer-to',
};

const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)[ \t]*:(.*)$/s;

/** Undefined when the text has no header section ended by an empty line: no SIP message at all. */
export function splitFrame(text: string): SipFrame | undefined {
  const end = text.indexOf('\r\n\r\n');
  const firstEnd = text.indexOf('\r\n');
  if (end < 0 || firstEnd < 0) return undefined;
  const startLine = text.slice(0, firstEnd);
  const lines = firstEnd === end ? [] : text.slice(firstEnd + 2, end).split('\r\n');
  const headers: [string, string][] = [];
  let badLines = 0;
  for (const line of lines) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last[1] = `${last[1]} ${line.trim()}`; // a folded continuation line
      continue;
    }
    const m = HEADER_LINE.exec(line);
    if (!m?.[1] || m[2] === undefined) {
      badLines++;
      continue;
    }
    const name = m[1].toLowerCase();
    headers.push([COMPACT[name] ?? name, m[2].trim()]);
  }
  return { startLine, headers, badLines, body: text.slice(end + 4) };
}

export const valuesOf = (frame: SipFrame, name: string): string[] =>
  frame.headers.filter(([n]) => n === name).map(([, v]) => v);

/** Printable ASCII only, at most `max` characters: safe to show in a log or an event. */
export function excerpt(value: string, max = 24): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** C0 controls but tab, and DEL: never part of a well-formed header value (CR and LF included). */
const isControl = (code: number) => (code < 0x20 && code !== 0x09) || code === 0x7f;
export const hasControl = (value: string): boolean => [...value].some((c) => isControl(c.charCodeAt(0)));

/** Header values are echoed as received, minus control characters (no header injection). */
const echo = (value: string) => [...value].map((c) => (isControl(c.charCodeAt(0)) ? ' ' : c)).join('');

/** True if the frame has what a response needs: Via, From, To, Call-ID and CSeq (the first of each is used). */
export const answerable = (frame: SipFrame): boolean =>
  ['via', 'from', 'to', 'call-id', 'cseq'].every((name) => valuesOf(frame, name).length > 0);

/**
 * A stateless response to a request (RFC 3261 8.2.6): its Via headers, From, Call-ID and CSeq
 * copied, its To copied with a tag added if it has none. Only for an `answerable` frame.
 */
export function responseTo(frame: SipFrame, status: number, reason: string, toTag: string): string {
  const one = (name: string) => echo(valuesOf(frame, name)[0] ?? '');
  const to = one('to');
  const lines = [
    `SIP/2.0 ${status} ${reason}`,
    ...valuesOf(frame, 'via').map((via) => `Via: ${echo(via)}`),
    `From: ${one('from')}`,
    `To: ${/;\s*tag\s*=/i.test(to) ? to : `${to};tag=${toTag}`}`,
    `Call-ID: ${one('call-id')}`,
    `CSeq: ${one('cseq')}`,
    'Content-Length: 0',
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
