/**
 * Making untrusted header text safe to render as text. The UI renders text (never HTML), so `<`
 * and `&` are left alone; what is removed is what could break or reorder a line on screen.
 */

/**
 * Line breakers: CR/LF (folded header lines keep them, see shared/NOTES.md), VT/FF, NEL (U+0085),
 * LINE and PARAGRAPH SEPARATOR (U+2028/9). A break and the indent after it become one space, as
 * RFC 3261 §7.3.1 reads a folded line. (Only what follows is absorbed: `[ \t]*` before the break
 * would make the regex quadratic on a long run of spaces.) A TAB alone becomes a space.
 */
const LINE_BREAKS = /[\n\v\f\r\u0085\u2028\u2029][\t\n\v\f\r\u0085\u2028\u2029 ]*/g;
const TAB = /\t/g;

/**
 * Removed: the other C0 controls, DEL and C1 controls; the bidi marks ALM, LRM, RLM (U+061C,
 * U+200E/F), embeddings and overrides (U+202A–E) and isolates (U+2066–9), which could reorder
 * what is shown around them (Trojan Source, CVE-2021-42574); and BOM / zero width no-break space.
 * ZWJ/ZWNJ stay: emoji sequences and several scripts need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A surrogate without its other half: not text, replaced by U+FFFD as TextEncoder would. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Returns `text` with line breakers turned into spaces and invisible controls removed. */
export function safeText(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(TAB, ' ')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\ufffd');
}

/**
 * UTF-8 length of `text`, stopping early once it passes `limit` (then returns `limit + 1`), so a
 * huge value costs nothing. A UTF-16 unit is at least one UTF-8 byte, hence the first check.
 */
export function utf8Length(text: string, limit = Number.POSITIVE_INFINITY): number {
  if (text.length > limit) return limit + 1;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3; // BMP, or a lone surrogate (sent as U+FFFD)
    if (bytes > limit) return limit + 1;
  }
  return bytes;
}

const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
