import { parsePhoneConfig, type ConfigError, type PhoneConfigInput } from './config.ts';
import { err, ok, type Result } from './core/result.ts';
import type { Phone, PhoneParts } from './phone.ts';
import { createSipPhone, sipTelephony } from './sip-phone.ts';
import { TabbedPhone } from './tab-phone.ts';
import { browserLocks } from './tabs/leader.ts';
import { channelName } from './tabs/names.ts';
import type { Telephony } from './telephony/telephony.ts';

export { TabbedPhone, type TabEnv, type TabsView } from './tab-phone.ts';

/**
 * `<cti-softphone>`'s phone: one phone across the tabs of an agent (docs/decisions/0010).
 * With `tabs.enabled` (and Web Locks and BroadcastChannel in the browser) it is a TabbedPhone;
 * otherwise the single-tab SIP phone of sip-phone.ts.
 */
export function createTabbedPhone(
  input: PhoneConfigInput,
  parts: Partial<PhoneParts> = {},
): Result<Phone, ConfigError> {
  const config = parsePhoneConfig(input);
  if (!config.ok) return config;
  const locks = browserLocks();
  if (!config.value.tabs.enabled || !locks || typeof BroadcastChannel === 'undefined')
    return createSipPhone(input, parts);
  let telephony: Telephony;
  try {
    telephony = (parts.telephony ?? sipTelephony)(config.value);
  } catch (e) {
    const issue = e instanceof Error ? e.message : 'not accepted by the SIP stack';
    return err({ code: 'invalid-config', issues: [`aor: ${issue}`] });
  }
  const port = new BroadcastChannel(channelName(config.value.aor));
  return ok(new TabbedPhone(config.value, telephony, { locks, port }, parts));
}
