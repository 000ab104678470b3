/**
 * SIP message framing for the sandbox proxy: parse one WebSocket frame into a
 * start line, an ordered list of raw headers and a body, and serialize it back.
 *
 * Headers are kept verbatim (name as received, value unparsed) so that the proxy
 * forwards exactly what the browser sent, except for the few headers it edits
 * (Via, Route, Record-Route, Max-Forwards, Request-URI, Content-Length). The npm
 * `sip` package's parser lower-cases names, merges duplicates and drops headers
 * it cannot parse, which sip.js on the far side would then see.
 */
import { z } from 'zod';
import { err, ok } from '../core/result.ts';
import type { Result } from '../core/result.ts';
import { canonicalName, headerValue } from './sip-headers.ts';

export interface SipHeader {
  readonly name: string;
  readonly value: string;
}

export interface SipRequest {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: string;
  readonly headers: readonly SipHeader[];
  readonly body: string;
}

export interface SipResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly SipHeader[];
  readonly body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Largest frame accepted; real SIP over WebSocket stays far below this. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

const TOKEN = "[A-Za-z0-9.!%*_+`'~-]+";
const REQUEST_LINE = new RegExp(`^(${TOKEN}) (sips?:[^\\s]+) SIP/2\\.0$`);
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ([^\r\n]*)$/;
const HEADER_LINE = new RegExp(`^(${TOKEN})[ \\t]*:[ \\t]*(.*)$`);
/** Control characters other than HT are never legal in a header value. */
function hasControlChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

const cseqSchema = z
  .string()
  .regex(new RegExp(`^\\d{1,10}[ \\t]+${TOKEN}$`), 'CSeq must be "<number> <method>"');
const maxForwardsSchema = z.string().regex(/^\d{1,3}$/, 'Max-Forwards must be a number');
const contentLengthSchema = z.string().regex(/^\d{1,7}$/, 'Content-Length must be a number');

const REQUIRED = ['via', 'from', 'to', 'call-id', 'cseq'] as const;

/** Parse one SIP message (one WebSocket frame, RFC 7118 §5). */
export function parseSipMessage(text: string): Result<SipMessage, string> {
  if (Buffer.byteLength(text, 'utf8') > MAX_MESSAGE_BYTES) return err('message too large');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return err('no CRLF CRLF between headers and body');
  const head = text.slice(0, split);
  const body = text.slice(split + 4);
  // Unfold continuation lines (RFC 3261 §7.3.1) before splitting.
  const lines = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  const startLine = lines[0] ?? '';
  const headers: SipHeader[] = [];
  for (const line of lines.slice(1)) {
    const match = HEADER_LINE.exec(line);
    if (!match?.[1] || match[2] === undefined) return err(`malformed header line: ${line.slice(0, 80)}`);
    if (hasControlChar(match[2])) return err(`control character in header ${match[1]}`);
    headers.push({ name: match[1], value: match[2].trim() });
  }
  const checked = checkHeaders(headers, body);
  if (!checked.ok) return checked;

  const request = REQUEST_LINE.exec(startLine);
  if (request?.[1] && request[2]) {
    const method = request[1].toUpperCase();
    const cseqMethod = (headerValue(headers, 'cseq') ?? '').split(/[ \t]+/)[1]?.toUpperCase();
    if (cseqMethod !== method) return err('CSeq method does not match the request method');
    return ok({ kind: 'request', method, uri: request[2], headers, body: checked.value });
  }
  const status = STATUS_LINE.exec(startLine);
  if (status?.[1] && status[2] !== undefined) {
    return ok({
      kind: 'response',
      status: Number(status[1]),
      reason: status[2],
      headers,
      body: checked.value,
    });
  }
  return err(`malformed start line: ${startLine.slice(0, 80)}`);
}

/** Check mandatory headers and Content-Length; returns the body cut to Content-Length. */
function checkHeaders(headers: readonly SipHeader[], body: string): Result<string, string> {
  for (const name of REQUIRED) {
    if (!headers.some((h) => canonicalName(h.name) === name)) return err(`missing ${name} header`);
  }
  const cseq = cseqSchema.safeParse(headerValue(headers, 'cseq'));
  if (!cseq.success) return err(cseq.error.issues[0]?.message ?? 'bad CSeq');
  const maxForwards = headerValue(headers, 'max-forwards');
  if (maxForwards !== undefined && !maxForwardsSchema.safeParse(maxForwards).success) {
    return err('bad Max-Forwards');
  }
  const length = headerValue(headers, 'content-length');
  if (length === undefined) return ok(body);
  if (!contentLengthSchema.safeParse(length).success) return err('bad Content-Length');
  const bytes = Buffer.from(body, 'utf8');
  const declared = Number(length);
  if (declared > bytes.length) return err('body shorter than Content-Length');
  return ok(bytes.subarray(0, declared).toString('utf8'));
}

/** Serialize a message; Content-Length is always recomputed from the body. */
export function serializeSipMessage(message: SipMessage): string {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [start];
  for (const header of message.headers) {
    if (canonicalName(header.name) !== 'content-length') lines.push(`${header.name}: ${header.value}`);
  }
  lines.push(`Content-Length: ${Buffer.byteLength(message.body, 'utf8')}`);
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`;
}
