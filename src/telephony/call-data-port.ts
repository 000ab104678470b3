import type { Invitation } from 'sip.js';
import type { Attachment } from '../core/call-control.ts';
import type { EventDraft } from '../core/events.ts';
import type { Result } from '../core/result.ts';

type OfferDraft = Extract<EventDraft, { type: 'offer' }>;
/** The call-data fields of an offer, as the codec reads them from the INVITE. */
export type OfferCallData = Partial<Pick<OfferDraft, 'data' | 'uui' | 'dnis' | 'ani' | 'sources'>>;

/**
 * The call-data codec as this adapter sees it. The root hands in src/calldata's: telephony
 * knows no call-data header format, it only shows the codec the INVITE's raw values.
 */
export interface CallDataPort {
  read(invite: {
    readonly headers: { get(name: string): readonly string[] };
    readonly requestUriUser?: string;
    readonly toUser?: string;
    readonly fromUser?: string;
  }): { readonly offer: OfferCallData; readonly problems: readonly { header: string; message: string }[] };
  encode(attach: Attachment): Result<string[], { readonly message: string }>;
}

/** Reads an INVITE's call data; a codec that throws (a bug) costs the data, never the call. */
export function readInvite(port: CallDataPort | undefined, invitation: Invitation) {
  if (!port) return { offer: {}, problems: [] };
  const request = invitation.request;
  const optional = (key: string, value: string | undefined) => (value ? { [key]: value } : {});
  try {
    return port.read({
      headers: { get: (name) => request.getHeaders(name) },
      ...optional('requestUriUser', request.ruri?.user),
      ...optional('toUser', request.to.uri.user),
      ...optional('fromUser', invitation.remoteIdentity.uri.user),
    });
  } catch {
    return { offer: {}, problems: [{ header: 'call data', message: 'could not be read' }] };
  }
}

/** The extra header lines for an outgoing request, or why the attachment cannot be sent. */
export function encodeAttachment(
  port: CallDataPort | undefined,
  attach: Attachment | undefined,
): Result<string[], string> {
  if (!attach || (!attach.data && !attach.uui)) return { ok: true, value: [] };
  if (!port) return { ok: false, error: 'call data cannot be sent: no codec' };
  try {
    const r = port.encode(attach);
    return r.ok ? r : { ok: false, error: r.error.message };
  } catch {
    return { ok: false, error: 'call data could not be encoded' };
  }
}
