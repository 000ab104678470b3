/**
 * User-to-User (RFC 7433 §4.1):
 *   UUI = "User-to-User" HCOLON uui-value *(COMMA uui-value)
 *   uui-value = uui-data *(SEMI uui-param); uui-data = token / quoted-string
 *   uui-param = pkg-param ("purpose") / cont-param ("content") / enc-param ("encoding") / generic-param
 * With `encoding=hex` the data is hex octets, read here as UTF-8 text; without an encoding
 * parameter the data is taken as text, unquoted if it is a quoted-string.
 */
import { err, ok, type Result } from '../core/result.ts';
import { isToken, parseParams, splitOutside, unquote } from './header-syntax.ts';
import { safeText } from './text-safety.ts';
import type { UserToUser } from './types.ts';

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** The core's event schema bounds (src/core/call-data.ts userToUserSchema). */
export const MAX_UUI_TEXT = 4096;
export const MAX_UUI_PARAM = 64;
/**
 * `fatal`: invalid UTF-8 is refused (problem `malformed`), never turned into U+FFFD: a value that
 * is not text (binary ISDN UUI, a truncated sequence) is not shown half-garbled.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const toUtf8 = new TextEncoder();

/** Decodes one User-to-User header value: every uui-value in it, and why the others were dropped. */
export function decodeUuiHeader(value: string): { values: UserToUser[]; errors: UuiError[] } {
  const values: UserToUser[] = [];
  const errors: UuiError[] = [];
  for (const part of splitOutside(value, ',')) {
    const decoded = decodeUuiValue(part);
    if (!decoded.ok) errors.push({ code: 'malformed', message: decoded.error });
    else if (decoded.value.data.length > MAX_UUI_TEXT) {
      errors.push({ code: 'too-large', message: `user data over ${MAX_UUI_TEXT} chars` });
    } else values.push(decoded.value);
  }
  return { values, errors };
}

export interface UuiError {
  readonly code: 'malformed' | 'too-large';
  readonly message: string;
}

function decodeUuiValue(text: string): Result<UserToUser, string> {
  const [rawData = '', ...rawParams] = splitOutside(text, ';');
  const params = parseParams(rawParams);
  if (!params.ok) return params;
  let data = rawData;
  if (rawData.startsWith('"')) {
    const unquoted = unquote(rawData);
    if (!unquoted.ok) return unquoted;
    data = unquoted.value;
  } else if (rawData === '') return err('no user data');
  const purpose = params.value.get('purpose');
  const content = params.value.get('content');
  for (const [name, v] of [['purpose', purpose] as const, ['content', content] as const]) {
    if (v !== undefined && !isToken(v)) return err(`${name} is not a token`);
    if (v !== undefined && v.length > MAX_UUI_PARAM) return err(`${name} is over ${MAX_UUI_PARAM} chars`);
  }
  const encoding = params.value.get('encoding')?.toLowerCase();
  if (encoding !== undefined && encoding !== 'hex') return err('unsupported encoding (only hex)');
  let textData: string;
  if (encoding === 'hex') {
    const decoded = hexToText(data);
    if (!decoded.ok) return decoded;
    textData = decoded.value;
  } else textData = data;
  return ok({
    data: safeText(textData),
    encoding: encoding === 'hex' ? 'hex' : 'text',
    ...(purpose === undefined ? {} : { purpose }),
    ...(content === undefined ? {} : { content }),
  });
}

function hexToText(hex: string): Result<string, string> {
  if (!HEX.test(hex)) return err('hex data has an odd length or a non-hex character');
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  try {
    return ok(utf8.decode(bytes));
  } catch {
    return err('hex data is not valid UTF-8');
  }
}

export interface UuiInput {
  readonly data: string;
  readonly purpose?: string;
  readonly content?: string;
}

/**
 * One User-to-User value, always hex-encoded (RFC 7433 §4.1 `encoding=hex`), so no received or
 * host text is ever written raw. Lone surrogates are sent as U+FFFD (TextEncoder).
 */
export function encodeUuiValue(
  uui: UuiInput,
): Result<string, { code: 'invalid-token' | 'invalid-data' | 'too-large'; message: string }> {
  if (typeof uui.data !== 'string' || uui.data === '') {
    return err({ code: 'invalid-data', message: 'UUI data must be a non-empty string' });
  }
  if (uui.data.length > MAX_UUI_TEXT) {
    return err({ code: 'too-large', message: `UUI data over ${MAX_UUI_TEXT} chars` });
  }
  for (const [name, value] of [['purpose', uui.purpose] as const, ['content', uui.content] as const]) {
    if (
      value !== undefined &&
      (typeof value !== 'string' || !isToken(value) || value.length > MAX_UUI_PARAM)
    ) {
      return err({
        code: 'invalid-token',
        message: `${name} must be an RFC 3261 token of at most ${MAX_UUI_PARAM} chars`,
      });
    }
  }
  let hex = '';
  for (const byte of toUtf8.encode(uui.data)) hex += byte.toString(16).padStart(2, '0');
  let value = `${hex};encoding=hex`;
  if (uui.purpose !== undefined) value += `;purpose=${uui.purpose}`;
  if (uui.content !== undefined) value += `;content=${uui.content}`;
  return ok(value);
}
