/**
 * Helpers over a raw, ordered SIP header list: look-up by name (compact forms
 * included), comma-list splitting that respects quotes and <>, and the few
 * edits a proxy makes (prepend, drop the top value, replace).
 */
import type { SipHeader } from './sip-message.ts';

const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  r: 'refer-to',
  o: 'event',
};

/** Lower-case name with compact forms expanded (`v` → `via`). */
export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? lower;
}

/** The first header line with that name, as received. */
export function headerValue(headers: readonly SipHeader[], name: string): string | undefined {
  return headers.find((h) => canonicalName(h.name) === name)?.value;
}

/** Every value of a list header (Via, Route, Contact…), header lines and commas flattened. */
export function headerValues(headers: readonly SipHeader[], name: string): string[] {
  return headers.filter((h) => canonicalName(h.name) === name).flatMap((h) => splitList(h.value));
}

/** Split a header value on commas that are outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

/** Insert a header line above the first one of the same name (or at the top). */
export function prependHeader(headers: readonly SipHeader[], name: string, value: string): SipHeader[] {
  const target = canonicalName(name);
  const index = headers.findIndex((h) => canonicalName(h.name) === target);
  const copy = [...headers];
  copy.splice(index < 0 ? 0 : index, 0, { name, value });
  return copy;
}

/** Remove the first value of a list header, keeping any other values on that line. */
export function dropTopValue(headers: readonly SipHeader[], name: string): SipHeader[] {
  const index = headers.findIndex((h) => canonicalName(h.name) === name);
  const header = headers[index];
  if (!header) return [...headers];
  const rest = splitList(header.value).slice(1);
  const copy = [...headers];
  if (rest.length === 0) copy.splice(index, 1);
  else copy[index] = { name: header.name, value: rest.join(', ') };
  return copy;
}

/** Replace every line of that name with one line (appended if absent). */
export function setHeader(headers: readonly SipHeader[], name: string, value: string): SipHeader[] {
  const target = canonicalName(name);
  const index = headers.findIndex((h) => canonicalName(h.name) === target);
  const kept = headers.filter((h) => canonicalName(h.name) !== target);
  kept.splice(index < 0 ? kept.length : index, 0, { name, value });
  return kept;
}

/** The URI of a name-addr or addr-spec value (`"A" <sip:a@b>;tag=1` → `sip:a@b`). */
export function addressUri(value: string): string {
  const open = value.indexOf('<');
  if (open >= 0) {
    const close = value.indexOf('>', open);
    return (close < 0 ? value.slice(open + 1) : value.slice(open + 1, close)).trim();
  }
  // addr-spec form: parameters after ';' belong to the header, not the URI.
  return (value.split(';')[0] ?? '').trim();
}

/** A header parameter after the address (`tag`, `expires`, `branch`…), lower-cased name. */
export function headerParam(value: string, param: string): string | null | undefined {
  const close = value.lastIndexOf('>');
  const tail =
    close >= 0
      ? value.slice(close + 1)
      : value.slice(value.indexOf(';') < 0 ? value.length : value.indexOf(';'));
  for (const part of tail.split(';').slice(1)) {
    const [name, ...rest] = part.split('=');
    if (name?.trim().toLowerCase() === param) return rest.length > 0 ? rest.join('=').trim() : null;
  }
  return undefined;
}
