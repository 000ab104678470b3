/** Public API: importing this module has no side effects (import './define.ts' to register the element). */
export { CtiSoftphone } from './element.ts';
export { CtiSoftphoneView } from './ui/softphone-view.ts';
export { createPhone, CorePhone, type Phone, type PhoneParts } from './phone.ts';
export { createSipPhone, sipTelephony } from './sip-phone.ts';
export { connectHost, type HostPhone } from './host/dom-events.ts';
export type { CtiEventMap, CtiEventName, CtiPhoneEventMap } from './host/event-map.ts';
export { parsePhoneConfig, phoneConfigSchema } from './config.ts';
export type {
  PhoneConfig,
  PhoneConfigInput,
  Credentials,
  CredentialProvider,
  ConfigError,
} from './config.ts';
export type { PhoneApi, CommandResult, CommandGate, PhoneListener } from './phone-api.ts';
export type { PhoneStatus, StatusCall } from './phone-status.ts';
export type { JournalStatus, SinkStatus } from './journal/status.ts';
export type { MediaStats, Telephony } from './telephony/telephony.ts';
export { VERSION } from './version.ts';
export { startPhoneTab, type PhoneTab, type PhoneTabOptions } from './standalone/phone-tab.ts';
export * from './core/index.ts';
