/**
 * Call-data header lines for an outgoing request (sip.js `extraHeaders`, which joins them
 * verbatim: shared/NOTES.md). Every line is printable ASCII, so no value can end a header line
 * or inject another one, whatever the data holds.
 */
import { err, ok, type Result } from '../core/result.ts';
import { toCallDataObject } from './bounded-json.ts';
import { resolveCodecOptions, type HeaderCodecOptions } from './codec-options.ts';
import { UUI_HEADER } from './headers-read.ts';
import type { CallDataObject, EncodeError } from './types.ts';
import { encodeUuiValue, type UuiInput } from './uui.ts';

export interface CallDataToEncode {
  /** Written as the JSON header (`X-Call-Data` unless configured otherwise). */
  readonly data?: CallDataObject;
  /** Written as one User-to-User header, always `encoding=hex` (RFC 7433 §4.1). */
  readonly uui?: UuiInput;
}

/**
 * JSON.stringify already escapes C0 controls, `"` and `\` inside strings (ECMA-262 JSON
 * QuoteJSONString), and lone surrogates as `\udXXX`; it leaves DEL, C1 controls, U+2028/9 and
 * everything else non-ASCII raw. Escaping all of them keeps the header 7-bit: nothing for a
 * proxy, a JavaScript eval-style parser or a WebSocket text frame to trip on.
 */
const NON_ASCII = /[\u007f-\uffff]/g;
const escapeNonAscii = (json: string): string =>
  json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Printable ASCII only: the last guard before a line reaches the wire. */
const SAFE_LINE = /^[\x20-\x7e]+$/;

export function encodeCallDataHeaders(
  input: CallDataToEncode,
  options?: Partial<HeaderCodecOptions>,
): Result<string[], EncodeError> {
  try {
    return encode(input, options);
  } catch {
    return err({ header: '(call data)', code: 'invalid-data', message: 'call data could not be encoded' });
  }
}

function encode(
  input: CallDataToEncode,
  options?: Partial<HeaderCodecOptions>,
): Result<string[], EncodeError> {
  const resolved = resolveCodecOptions(options);
  if (!resolved.ok) {
    return err({ header: '(options)', code: 'invalid-data', message: resolved.error.join('; ') });
  }
  const opts = resolved.value;
  const lines: [header: string, value: string][] = [];
  if (input.data !== undefined) {
    // The reader's own bounds (depth, entries, finite numbers, no reserved keys), so what is
    // sent is what the far end reads back.
    const checked = toCallDataObject(input.data, opts, 'write');
    if (!checked.ok) return err({ header: opts.jsonHeader, code: 'invalid-data', message: checked.error });
    lines.push([opts.jsonHeader, escapeNonAscii(JSON.stringify(checked.value.value))]);
  }
  if (input.uui !== undefined) {
    const value = encodeUuiValue(input.uui);
    if (!value.ok) return err({ header: UUI_HEADER, ...value.error });
    lines.push([UUI_HEADER, value.value]);
  }
  let total = 0;
  for (const [header, value] of lines) {
    // ASCII only, so length is the UTF-8 byte count.
    if (value.length > opts.maxHeaderBytes) {
      return err({
        header,
        code: 'too-large',
        message: `${value.length} bytes, over ${opts.maxHeaderBytes}`,
      });
    }
    total += value.length;
    if (total > opts.maxTotalBytes) {
      return err({
        header,
        code: 'too-large',
        message: `call-data headers over ${opts.maxTotalBytes} bytes in all`,
      });
    }
  }
  const out = lines.map(([header, value]) => `${header}: ${value}`);
  if (!out.every((line) => SAFE_LINE.test(line))) {
    return err({ header: '(call data)', code: 'invalid-data', message: 'unsafe character in a header line' });
  }
  return ok(out);
}
