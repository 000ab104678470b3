// The call data the data figures send, as a PBX or an IVR would: an X-Call-Data JSON object and a
// User-to-User header (RFC 7433, hex) for the header figure; a cache entry for the cache figure.
// Each call's values differ (order and case numbers), so a popup can only match its own call.
import type { ExpectedFields } from '../page/protocol.ts';

export interface HeaderCallData {
  readonly extraHeaders: readonly string[];
  readonly expected: ExpectedFields;
}

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

export function headerCallData(call: number): HeaderCallData {
  const data = {
    account: 'AC-1042',
    reason: 'billing dispute',
    priority: 'gold',
    orderId: `ORD-${String(731_200 + call)}`,
  };
  const uui = `case=CS-${String(88_400 + call)}`;
  return {
    extraHeaders: [
      `X-Call-Data: ${JSON.stringify(data)}`,
      `User-to-User: ${hex(uui)};encoding=hex;purpose=isdn-uui`,
    ],
    expected: { source: 'headers', fields: { ...data, 'User-to-User': uui } },
  };
}

/** What the transferring agent stored for the caller: shown as it is, every field from the cache. */
export function cacheCallData(call: number): Readonly<Record<string, string>> {
  return {
    account: 'AC-2077',
    reason: 'transferred from billing',
    ticket: `TK-${String(55_000 + call)}`,
    note: 'wants a callback before 5 pm',
  };
}

export const expectCache = (value: Readonly<Record<string, string>>): ExpectedFields => ({
  source: 'cache',
  fields: { ...value },
});

/** A distinct caller number per call (the ANI the widget reads from P-Asserted-Identity). */
export const callerNumber = (series: 1 | 2, call: number): string =>
  `+1555${String(series)}${String(call).padStart(5, '0')}`;
