/** Public API: importing this module has no side effects (import './define.ts' to register the element). */
export { CtiSoftphone } from './element.ts';
export { CtiSoftphoneView } from './ui/softphone-view.ts';
export { createPhone, CorePhone, type Phone } from './phone.ts';
export { parsePhoneConfig, phoneConfigSchema } from './config.ts';
export type { PhoneConfig, PhoneConfigInput, Credentials, CredentialProvider, ConfigError } from './config.ts';
export type { PhoneApi, CommandResult, PhoneListener } from './phone-api.ts';
export * from './core/index.ts';
