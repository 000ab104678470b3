/**
 * The CRM's screen-pop URL template, e.g. `https://crm.example/contacts?phone={ani}`: the link the
 * popup offers (and, if configured, opens on answer). Placeholders are filled with the call's
 * values, each percent-encoded, so a hostile caller number or header value can never add a path,
 * query parameter or scheme of its own. Pure; never throws.
 */
import type { CallDataObject } from '../core/call-data.ts';

/** What a template may name: `{ani}`, `{dnis}`, `{callId}`, `{from}`, `{to}`, `{data.<key>}`. */
export interface ScreenPopCall {
  readonly callId: string;
  readonly from: { readonly number: string };
  readonly to: { readonly number: string };
  readonly dnis?: string;
  readonly ani?: string;
  /** The INVITE's own data (headers): `{data.account}` reads `account`. */
  readonly data?: CallDataObject;
}

const PLACEHOLDER = /\{([^{}]{1,64})\}/g;
const NAMES = new Set(['ani', 'dnis', 'callId', 'from', 'to']);
const DATA_KEY = /^data\.[\w.-]{1,60}$/;
const MAX_URL = 2048;

function valueOf(call: ScreenPopCall, name: string): string {
  if (name.startsWith('data.')) {
    const value = call.data ? Object.entries(call.data).find(([k]) => k === name.slice(5))?.[1] : undefined;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
  }
  switch (name) {
    case 'ani':
      return call.ani ?? call.from.number;
    case 'dnis':
      return call.dnis ?? call.to.number;
    case 'callId':
      return call.callId;
    case 'from':
      return call.from.number;
    case 'to':
      return call.to.number;
    default:
      return '';
  }
}

const isHttpUrl = (s: string): boolean =>
  s.length <= MAX_URL && URL.canParse(s) && /^https?:$/.test(new URL(s).protocol);

/** Why a template cannot work, or undefined when it is fine (checked once, with the config). */
export function screenPopTemplateProblem(template: string): string | undefined {
  for (const [, name = ''] of template.matchAll(PLACEHOLDER)) {
    if (!NAMES.has(name) && !DATA_KEY.test(name))
      return `unknown placeholder {${name}}: use {ani}, {dnis}, {callId}, {from}, {to} or {data.<key>}`;
  }
  const sample = template.replace(PLACEHOLDER, '0');
  return isHttpUrl(sample) ? undefined : 'must be an http:// or https:// URL (after its placeholders)';
}

/** The template filled in for this call; undefined if the result is not an http(s) URL. */
export function screenPopUrl(template: string, call: ScreenPopCall): string | undefined {
  try {
    const url = template.replace(PLACEHOLDER, (_m, name: string) => encodeURIComponent(valueOf(call, name)));
    return isHttpUrl(url) ? url : undefined;
  } catch {
    return undefined;
  }
}
