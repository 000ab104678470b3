/**
 * The call-data header codec: the only code that knows call-data header formats (DESIGN.md).
 * Pure: no sip.js, no DOM, no fetch.
 */
export { readCallDataHeaders, UUI_HEADER, MAX_PROBLEMS, MAX_UUI } from './headers-read.ts';
export { encodeCallDataHeaders, type CallDataToEncode } from './headers-encode.ts';
export {
  headerCodecOptionsSchema,
  defaultCodecOptions,
  resolveCodecOptions,
  type HeaderCodecOptions,
  type HeaderCodecOptionsInput,
} from './codec-options.ts';
export {
  deriveDnisAni,
  normaliseAni,
  normaliseDnis,
  type DnisAniInput,
  type DnisAniOptions,
} from './dnis-ani.ts';
export { safeText } from './text-safety.ts';
export type { UuiInput } from './uui.ts';
export type * from './types.ts';
