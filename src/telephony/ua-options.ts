import type { URI, UserAgentDelegate, UserAgentOptions } from 'sip.js';
import type { PhoneConfig } from '../config.ts';
import type { TelephonyPlatform } from './platform.ts';

/** sip.js UserAgent options from the phone's config, with the platform's replacements if any. */
export function userAgentOptions(
  config: PhoneConfig,
  uri: URI,
  platform: TelephonyPlatform,
  delegate: UserAgentDelegate,
): UserAgentOptions {
  return {
    uri,
    transportOptions: {
      server: config.server,
      keepAliveInterval: config.keepAliveIntervalS,
      connectionTimeout: 5,
    },
    sessionDescriptionHandlerFactoryOptions: {
      iceGatheringTimeout: config.iceGatheringTimeoutMs,
      peerConnectionConfiguration: { iceServers: config.iceServers },
    },
    logLevel: 'error',
    delegate,
    ...(config.authorizationUsername ? { authorizationUsername: config.authorizationUsername } : {}),
    ...(config.password ? { authorizationPassword: config.password } : {}),
    ...(config.displayName ? { displayName: config.displayName } : {}),
    ...(platform.transportConstructor ? { transportConstructor: platform.transportConstructor } : {}),
    ...(platform.sessionDescriptionHandlerFactory
      ? { sessionDescriptionHandlerFactory: platform.sessionDescriptionHandlerFactory }
      : {}),
  };
}
