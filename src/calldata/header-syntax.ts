/** The bits of SIP header grammar (RFC 3261 §25.1) the codec needs, on untrusted text. */
import { err, ok, type Result } from '../core/result.ts';

/** RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

export const isToken = (text: string): boolean => TOKEN.test(text);

/**
 * Splits a header value on `separator` where it is not inside a quoted-string or `<…>` (RFC 3261
 * §7.3.1: list headers join values with commas; a comma in a quoted display name or in a URI
 * does not separate). Parts are trimmed.
 */
export function splitOutside(value: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle = true;
    else if (c === '>') angle = false;
    else if (c === separator && !angle) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}

/**
 * Reads a whole quoted-string (RFC 3261 §25.1): `"` *(qdtext / quoted-pair) `"`, where a
 * quoted-pair is `\` and any char but CR/LF. Returns its text with the escapes undone.
 */
export function unquote(text: string): Result<string, string> {
  if (text.length < 2 || !text.startsWith('"')) return err('not a quoted string');
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') {
      return i === text.length - 1 ? ok(out) : err('text after the closing quote');
    }
    if (c === '\\') {
      const next = text.charAt(++i);
      if (next === '' || next === '\r' || next === '\n') return err('bad escape in quoted string');
      out += next;
    } else out += c;
  }
  return err('unterminated quoted string');
}

/**
 * Parses `name[=value]` parameters (already split on `;`): names are tokens, compared lower-cased;
 * values are tokens or quoted strings (RFC 3261 §25.1 generic-param). A repeated name is an error:
 * two differing answers to one question are not something to pick from.
 */
export function parseParams(parts: readonly string[]): Result<Map<string, string>, string> {
  const params = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!isToken(name)) return err('bad parameter name');
    if (params.has(name)) return err(`parameter "${name}" given twice`);
    const raw = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (raw.startsWith('"')) {
      const value = unquote(raw);
      if (!value.ok) return err(`parameter "${name}": ${value.error}`);
      params.set(name, value.value);
    } else if (raw === '' || isToken(raw)) params.set(name, raw);
    else return err(`parameter "${name}" is not a token`);
  }
  return ok(params);
}
