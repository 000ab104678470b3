import { isCallDataObject, type CallDataSource, type UserToUser } from '../core/call-data.ts';
import type { Attachment } from '../core/call-control.ts';
import type { CallDataObject } from '../core/call-data.ts';
import type { Result } from '../core/result.ts';
import type { HeaderCodecOptions } from './codec-options.ts';
import { deriveDnisAni } from './dnis-ani.ts';
import { encodeCallDataHeaders } from './headers-encode.ts';
import { readCallDataHeaders } from './headers-read.ts';
import type { EncodeError, HeaderProblem, HeaderSource } from './types.ts';

/** What the telephony adapter shows of an incoming INVITE: raw, untrusted values. */
export interface InviteView {
  readonly headers: HeaderSource;
  readonly requestUriUser?: string;
  readonly toUser?: string;
  readonly fromUser?: string;
}

/** The offer's call-data fields, as the core's `offer` event carries them. */
export interface OfferCallData {
  readonly data?: CallDataObject;
  readonly uui?: UserToUser[];
  readonly dnis?: string;
  readonly ani?: string;
  readonly sources?: CallDataSource[];
}

export interface InviteDataOptions {
  readonly codec: HeaderCodecOptions;
  /** Highest first; lookups that are not configured are left out of the offer's `sources`. */
  readonly precedence: readonly CallDataSource[];
  readonly lookups: { readonly cache: boolean; readonly crm: boolean };
  readonly dnisHeader?: string;
}

/**
 * The call-data codec as the telephony adapter uses it (the root hands it over, so telephony
 * never knows a header format): read an INVITE into the offer's fields, encode an attachment
 * into header lines. Both never throw.
 */
export interface CallDataCodec {
  read(invite: InviteView): { readonly offer: OfferCallData; readonly problems: readonly HeaderProblem[] };
  encode(attach: Attachment): Result<string[], EncodeError>;
}

export function callDataCodec(options: InviteDataOptions): CallDataCodec {
  return {
    read(invite) {
      const read = readCallDataHeaders(invite.headers, options.codec);
      const { dnis, ani } = deriveDnisAni(
        invite,
        options.dnisHeader !== undefined ? { dnisHeader: options.dnisHeader } : {},
      );
      // The cache needs its key; a source that is not configured is never announced.
      const sources = options.precedence.filter(
        (s) =>
          s === 'headers' || (s === 'cache' ? options.lookups.cache && !!dnis && !!ani : options.lookups.crm),
      );
      const hasData = Object.keys(read.data).length > 0 && isCallDataObject(read.data);
      const offer: OfferCallData = {
        ...(hasData ? { data: read.data } : {}),
        ...(read.uui.length > 0 ? { uui: [...read.uui] } : {}),
        ...(dnis !== undefined ? { dnis } : {}),
        ...(ani !== undefined ? { ani } : {}),
        ...(sources.some((s) => s !== 'headers') ? { sources } : {}),
      };
      return { offer, problems: read.problems };
    },
    encode: (attach) => encodeCallDataHeaders(attach, options.codec),
  };
}
