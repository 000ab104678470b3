import type { ConfigError, PhoneConfig, PhoneConfigInput } from './config.ts';
import type { Result } from './core/result.ts';
import { createPhone, type Phone, type PhoneParts } from './phone.ts';
import { SipTelephony } from './telephony/sip-telephony.ts';
import type { Telephony } from './telephony/telephony.ts';

/** The sip.js telephony adapter as a phone part. */
export const sipTelephony = (config: PhoneConfig): Telephony => new SipTelephony(config);

/** A phone that registers to the configured SIP server itself (what `<cti-softphone>` uses). */
export const createSipPhone = (
  input: PhoneConfigInput,
  parts: Partial<PhoneParts> = {},
): Result<Phone, ConfigError> => createPhone(input, { telephony: sipTelephony, ...parts });
