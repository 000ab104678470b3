/**
 * Reading call data from an incoming request's headers: the JSON header, the configured plain
 * `X-*` headers and User-to-User (RFC 7433). Never throws; what is oversized or malformed is
 * dropped with a problem naming the header, and everything valid is still returned.
 */
import { MAX_STRING_LENGTH, parseJsonObject, RESERVED_KEYS, toCallDataObject } from './bounded-json.ts';
import { resolveCodecOptions, defaultCodecOptions, type HeaderCodecOptions } from './codec-options.ts';
import { safeText, utf8Length } from './text-safety.ts';
import type {
  CallDataObject,
  CallDataValue,
  HeaderCallData,
  HeaderProblem,
  HeaderSource,
  UserToUser,
} from './types.ts';
import { decodeUuiHeader } from './uui.ts';

export const UUI_HEADER = 'User-to-User';
/** Bounds the problem list too, whatever the number of hostile headers. */
export const MAX_PROBLEMS = 32;
/** The core's offer event carries at most 8 User-to-User values (src/core/events.ts). */
export const MAX_UUI = 8;

export function readCallDataHeaders(
  headers: HeaderSource,
  options?: Partial<HeaderCodecOptions>,
): HeaderCallData {
  try {
    return read(headers, options);
  } catch {
    // Unreachable by design; a last guard so nothing ever throws into the host page.
    const problem: HeaderProblem = { header: UUI_HEADER, code: 'malformed', message: 'unreadable headers' };
    return { data: {}, uui: [], problems: [problem] };
  }
}

function read(headers: HeaderSource, options?: Partial<HeaderCodecOptions>): HeaderCallData {
  const resolved = resolveCodecOptions(options);
  const opts = resolved.ok ? resolved.value : defaultCodecOptions;
  const r = new Reader(headers, opts);
  if (!resolved.ok) {
    // Read what the defaults allow, and say why the configuration was not used.
    r.problem(opts.jsonHeader, 'invalid-data', `options ignored: ${resolved.error.join('; ')}`);
  }
  const data: Record<string, CallDataValue> = {};
  const json = r.first(opts.jsonHeader);
  if (json !== undefined && r.admit(opts.jsonHeader, json)) {
    const parsed = parseJsonObject(json, opts);
    if (!parsed.ok) r.problem(opts.jsonHeader, 'malformed', parsed.error);
    else {
      for (const [key, value] of Object.entries(parsed.value.value)) defineOwn(data, key, value);
      if (parsed.value.dropped.length > 0) {
        r.problem(
          opts.jsonHeader,
          'invalid-data',
          `reserved keys dropped: ${parsed.value.dropped.join(', ')}`,
        );
      }
    }
  }
  const seen = new Set<string>();
  for (const name of opts.plainHeaders) {
    const key = name.toLowerCase().slice(2); // "X-Account-Id" -> "account-id"
    if (seen.has(key)) continue; // the same header configured twice in another case
    seen.add(key);
    const value = r.first(name);
    if (value === undefined || !r.admit(name, value)) continue;
    const text = safeText(value).trim();
    if (RESERVED_KEYS.has(key)) r.problem(name, 'invalid-data', `reserved key "${key}" dropped`);
    else if (text.length > MAX_STRING_LENGTH) r.problem(name, 'too-large', 'value too long for call data');
    else defineOwn(data, key, text);
  }
  return { data: r.checkSchema(data), uui: opts.uui ? r.uui() : [], problems: r.problems };
}

/** Own enumerable data property, never through a setter (e.g. Object.prototype.__proto__). */
function defineOwn(target: Record<string, CallDataValue>, key: string, value: CallDataValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class Reader {
  readonly problems: HeaderProblem[] = [];
  private used = 0;
  constructor(
    private readonly headers: HeaderSource,
    private readonly opts: HeaderCodecOptions,
  ) {}

  problem(header: string, code: HeaderProblem['code'], message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ header, code, message });
  }

  /** Every value of `name` that is a string (the source is an adapter's: trust nothing). */
  values(name: string): readonly string[] {
    try {
      const values: unknown = this.headers.get(name);
      if (!Array.isArray(values)) return [];
      return values.filter((v): v is string => typeof v === 'string');
    } catch {
      return [];
    }
  }

  /**
   * The first value of a single-valued header. Duplicates are reported, not read: the first is
   * what sip.js `getHeader` and most proxies act on, and falling back to a later copy when the
   * first is bad would let whoever appended a header choose the data (RFC 3261 §7.3.1 allows
   * repeats only for comma-separated list headers, which these are not).
   */
  first(name: string): string | undefined {
    const values = this.values(name);
    if (values.length > 1) {
      this.problem(name, 'malformed', `${values.length - 1} duplicate header(s) ignored; the first was read`);
    }
    return values[0];
  }

  /**
   * Size checks before any parsing. The UTF-16 length is a lower bound of the UTF-8 length, so a
   * 1 MiB value, or any value once the request's budget is spent, is refused in O(1).
   */
  admit(header: string, value: string): boolean {
    const max = this.opts.maxHeaderBytes;
    const bytes = value.length > max ? max + 1 : utf8Length(value, max);
    if (bytes > max) {
      this.problem(header, 'too-large', `value over ${max} bytes dropped unread`);
      return false;
    }
    if (this.used + bytes > this.opts.maxTotalBytes) {
      this.problem(
        header,
        'total-too-large',
        `call-data headers over ${this.opts.maxTotalBytes} bytes in all`,
      );
      return false;
    }
    this.used += bytes;
    return true;
  }

  /** Applies the host's schema to the whole data object; its output is re-bounded. */
  checkSchema(data: CallDataObject): CallDataObject {
    const schema = this.opts.dataSchema;
    if (schema === undefined) return data;
    try {
      const r = schema.safeParse(data);
      if (!r.success) {
        this.problem(this.opts.jsonHeader, 'invalid-data', 'call data does not match the configured schema');
        return {};
      }
      const bounded = toCallDataObject(r.data, this.opts, 'read');
      if (bounded.ok) return bounded.value.value;
      this.problem(this.opts.jsonHeader, 'invalid-data', `schema output dropped: ${bounded.error}`);
    } catch {
      this.problem(this.opts.jsonHeader, 'invalid-data', 'the configured schema failed');
    }
    return {};
  }

  /** Every User-to-User value, in order (a list header: several rows and commas both allowed). */
  uui(): UserToUser[] {
    const out: UserToUser[] = [];
    for (const value of this.values(UUI_HEADER)) {
      if (!this.admit(UUI_HEADER, value)) continue;
      const decoded = decodeUuiHeader(value);
      for (const e of decoded.errors) this.problem(UUI_HEADER, e.code, e.message);
      out.push(...decoded.values);
      if (out.length > MAX_UUI) {
        // Full: the rest is not even decoded.
        this.problem(UUI_HEADER, 'too-large', `more than ${MAX_UUI} values: the rest dropped`);
        return out.slice(0, MAX_UUI);
      }
    }
    return out;
  }
}
