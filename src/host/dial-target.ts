import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { parseDialString } from '../core/dial-string.ts';
import { err, ok, type Result } from '../core/result.ts';

/**
 * What a click-to-call target on a CRM page names (a `tel:`, `sip:`, `sips:` or `callto:` link's
 * href, or a `data-cti-dial` value), turned into the dial string the phone places: a SIP URI as
 * written, an extension as written, any other number in E.164 where libphonenumber-js can tell.
 * This module and libphonenumber-js's metadata are loaded on the first click (click-to-call.ts),
 * so the script tag's critical path does not carry them.
 */

export const dialTargetErrorCodes = [
  'empty',
  'too-long',
  /** Broken percent-encoding, control characters, a URI that is not one, SIP headers (`?…`). */
  'malformed',
  /** A scheme other than tel:, sip:, sips:, callto: (e.g. `javascript:` in data-cti-dial). */
  'unsupported-scheme',
  /** Not a phone number (letters, a number no country has). */
  'invalid-number',
] as const;
export type DialTargetErrorCode = (typeof dialTargetErrorCodes)[number];

export interface DialTargetError {
  readonly code: DialTargetErrorCode;
  /** For the agent (shown in the widget); quotes at most the first 40 characters of the input. */
  readonly message: string;
}

export interface NormaliseOptions {
  /** ISO 3166-1 alpha-2 country of national numbers (`030 1234567` in DE); unsupported: none. */
  readonly defaultCountry?: string | undefined;
  /** Digit strings up to this long (no `+`) are extensions, dialled as they are. */
  readonly maxExtensionDigits: number;
}

/** Longest href or data-cti-dial value looked at (a longer one is refused before any parsing). */
export const MAX_TARGET_INPUT = 1024;

const SCHEME = /^([a-z][a-z0-9+.-]*):(.*)$/is;
/** RFC 3966 visual separators, whitespace and the dashes and slashes people type. */
const SEPARATORS = /[\s().\-/\u2010-\u2015]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
const fail = (code: DialTargetErrorCode, message: string) => err<DialTargetError>({ code, message });

/** A link's href or a data-cti-dial value → the dial string for the phone; never throws. */
export function dialTarget(input: unknown, options: NormaliseOptions): Result<string, DialTargetError> {
  if (typeof input !== 'string') return fail('malformed', 'Not a number to dial');
  if (input.length > MAX_TARGET_INPUT) return fail('too-long', 'The number to dial is too long');
  const raw = input.trim();
  if (raw === '') return fail('empty', 'Nothing to dial');
  if (CONTROL.test(raw)) return fail('malformed', `Cannot dial ${quote(raw)}`);
  const scheme = SCHEME.exec(raw);
  if (!scheme) return raw.includes('@') ? address(raw) : number(raw, undefined, options);
  const [, name = '', rest = ''] = scheme;
  switch (name.toLowerCase()) {
    case 'sip':
    case 'sips':
      return address(raw);
    case 'tel':
      return tel(rest, options);
    case 'callto':
      return decoded(rest.replace(/^\/\//, ''), (text) => number(text, undefined, options));
    default:
      return fail('unsupported-scheme', `Cannot dial a ${quote(`${name}:`)} link`);
  }
}

/** A SIP URI (or `user@host`) is dialled as written; never with URI headers. */
function address(raw: string): Result<string, DialTargetError> {
  const parsed = parseDialString(raw);
  if (parsed?.kind !== 'address') return fail('malformed', `Not a SIP address: ${quote(raw)}`);
  return ok(parsed.uri);
}

/** RFC 3966: `tel:+49-30-1234567`, `tel:1234567;phone-context=+4930`, `tel:…;ext=12` (not dialled). */
function tel(rest: string, options: NormaliseOptions): Result<string, DialTargetError> {
  if (rest.includes('?')) return fail('malformed', `Cannot dial ${quote(rest)}`);
  const [subscriber = '', ...params] = rest.split(';');
  let context: string | undefined;
  for (const param of params) {
    const [key = '', value = ''] = param.split('=', 2);
    if (key.toLowerCase() === 'phone-context') context = value;
  }
  return decoded(subscriber, (text) =>
    decoded(context ?? '', (ctx) => number(text, ctx === '' ? undefined : ctx, options)),
  );
}

function decoded(
  text: string,
  next: (decoded: string) => Result<string, DialTargetError>,
): Result<string, DialTargetError> {
  let value: string;
  try {
    value = decodeURIComponent(text);
  } catch {
    return fail('malformed', `Cannot dial ${quote(text)}`);
  }
  return CONTROL.test(value) ? fail('malformed', `Cannot dial ${quote(text)}`) : next(value);
}

/**
 * A number: extensions and feature codes (`*97`) as written; a global number, or a national one
 * with a default country, in E.164 if it is a possible number; a national one without a country
 * as written (the PBX's dial plan knows it). A `+…` phone-context makes the number global; a domain
 * context (`phone-context=example.com`) says nothing about the country and is ignored.
 */
function number(
  text: string,
  context: string | undefined,
  o: NormaliseOptions,
): Result<string, DialTargetError> {
  const digits = text.replace(SEPARATORS, '');
  if (digits === '') return fail('empty', 'Nothing to dial');
  const bad = () => fail('invalid-number', `Not a phone number: ${quote(text)}`);
  if (!/^\+?[0-9*#]{1,32}$/.test(digits)) return bad();
  const prefix = context?.startsWith('+') ? context.replace(SEPARATORS, '') : undefined;
  if (prefix !== undefined && !/^\+[0-9]{1,15}$/.test(prefix))
    return fail('malformed', `Not a phone context: ${quote(context ?? '')}`);
  const global = digits.startsWith('+');
  if (/[*#]/.test(digits)) return global || prefix ? bad() : ok(digits);
  if (!global && !prefix && digits.length <= o.maxExtensionDigits) return ok(digits);
  const c = o.defaultCountry;
  const country = c !== undefined && isSupportedCountry(c) ? c : undefined;
  const local = prefix !== undefined && !global;
  // The context is joined here, never handed to libphonenumber-js: its phone-context check
  // (1.13.17) tests a /g regex, so every other call with the same context fails.
  const phone = parsePhoneNumberFromString(local ? `${prefix}${digits}` : digits, country);
  if (phone?.isPossible()) return ok(phone.number);
  return global || local || country ? bad() : ok(digits);
}
