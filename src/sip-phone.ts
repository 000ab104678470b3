import { defaultCodecOptions } from './calldata/codec-options.ts';
import { callDataCodec } from './calldata/invite-data.ts';
import type { LookupsConfig } from './calldata/lookups.ts';
import { journalPart } from './journal/journal-part.ts';
import type { ConfigError, PhoneConfig, PhoneConfigInput } from './config.ts';
import type { Result } from './core/result.ts';
import { lazyAdapter } from './lazy-adapter.ts';
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
    lookups: { cache: config.cache !== undefined, crm: hasCrmSource(config) },
    ...(config.dnisHeader !== undefined ? { dnisHeader: config.dnisHeader } : {}),
  });
  const telephony = new SipTelephony(config, {}, codec);
  // Seed 000's transfer code loads on the first transfer through the cache: it is not needed to
  // register and ring (the script tag's size budget).
  const transfer = telephony.transfer.bind(telephony);
  telephony.transfer = async (callId, target, options) =>
    options?.via === 'cache'
      ? (await import('./calldata/cache-transfer.ts')).transferViaCache(config.cache, transfer)(
          callId,
          target,
          options,
        )
      : transfer(callId, target, options);
  return telephony;
}

/** The CRM is a source of the popup when it has a lookup hook or a screen-pop URL. */
const hasCrmSource = (config: PhoneConfig): boolean =>
  config.crm?.lookup !== undefined || config.crm?.screenPopUrl !== undefined;

/** The call-data lookups the config asks for (seed 000's cache, the CRM), and the screen-pop tab. */
export function callDataAdapters(config: PhoneConfig): readonly PhoneAdapter[] {
  const { cache, crm } = config;
  const adapters: PhoneAdapter[] = [];
  // Loaded as the phone is built, long before it has registered (let alone rung): the code that
  // registers and rings does not carry them (the script tag's size budget).
  if (cache || hasCrmSource(config)) {
    const lookups: LookupsConfig = {
      ...(cache ? { cache } : {}),
      ...(crm && hasCrmSource(config) ? { crm } : {}),
    };
    adapters.push(
      lazyAdapter(async () => {
        const { connectLookups } = await import('./calldata/lookups.ts');
        return (port) => connectLookups(port, lookups);
      }, 'lookups-unavailable'),
    );
  }
  if (crm?.openOnAnswer) {
    adapters.push(
      lazyAdapter(async () => {
        const m = await import('./host/record-on-answer.ts');
        return (port) => m.openRecordOnAnswer(port, m.browserWindowOpener());
      }, 'record-on-answer-unavailable'),
    );
  }
  return adapters;
}

/** A phone that registers to the configured SIP server itself (what `<cti-softphone>` uses). */
export const createSipPhone = (
  input: PhoneConfigInput,
  parts: Partial<PhoneParts> = {},
): Result<Phone, ConfigError> =>
  createPhone(input, {
    telephony: sipTelephony,
    adapters: callDataAdapters,
    journal: (config, now) => journalPart(config.journal, now),
    ...parts,
  });
