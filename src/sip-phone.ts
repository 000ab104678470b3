import { defaultCodecOptions } from './calldata/codec-options.ts';
import { transferViaCache } from './calldata/cache-transfer.ts';
import { callDataCodec } from './calldata/invite-data.ts';
import { connectLookups, type LookupsConfig } from './calldata/lookups.ts';
import type { ConfigError, PhoneConfig, PhoneConfigInput } from './config.ts';
import type { Result } from './core/result.ts';
import { createPhone, type Phone, type PhoneAdapter, type PhoneParts } from './phone.ts';
import { SipTelephony } from './telephony/sip-telephony.ts';
import type { Telephony } from './telephony/telephony.ts';

/**
 * The sip.js telephony adapter as a phone part, with the call-data codec handed in (telephony
 * knows no header format) and seed 000's transfer through the cache in front of its REFER.
 */
export function sipTelephony(config: PhoneConfig): Telephony {
  const codec = callDataCodec({
    codec: config.callDataHeaders ?? defaultCodecOptions,
    precedence: config.callDataPrecedence,
    lookups: { cache: config.cache !== undefined, crm: config.crm?.lookup !== undefined },
    ...(config.dnisHeader !== undefined ? { dnisHeader: config.dnisHeader } : {}),
  });
  const telephony = new SipTelephony(config, {}, codec);
  telephony.transfer = transferViaCache(config.cache, telephony.transfer.bind(telephony));
  return telephony;
}

/** The call-data lookups the config asks for (seed 000's cache, the CRM's hook). */
export function callDataAdapters(config: PhoneConfig): readonly PhoneAdapter[] {
  const { cache, crm } = config;
  if (!cache && !crm?.lookup) return [];
  const lookups: LookupsConfig = {
    ...(cache ? { cache } : {}),
    ...(crm?.lookup ? { crm: { lookup: crm.lookup, timeoutMs: crm.timeoutMs } } : {}),
  };
  return [(port) => connectLookups(port, lookups)];
}

/** A phone that registers to the configured SIP server itself (what `<cti-softphone>` uses). */
export const createSipPhone = (
  input: PhoneConfigInput,
  parts: Partial<PhoneParts> = {},
): Result<Phone, ConfigError> =>
  createPhone(input, { telephony: sipTelephony, adapters: callDataAdapters, ...parts });
