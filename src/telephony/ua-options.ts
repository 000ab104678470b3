import { Web, type URI, type UserAgentDelegate, type UserAgentOptions } from 'sip.js';
import type { PhoneConfig } from '../config.ts';
import type { EventDraft } from '../core/events.ts';
import type { TelephonyPlatform } from './platform.ts';
import { saneTransport } from './sane-transport.ts';

/**
 * sip.js UserAgent options from the phone's config, with the platform's replacements if any.
 * The transport (the platform's or sip.js's WebSocket one) always has the sanity check in front
 * of sip.js; `report` gets a `sip-malformed` error draft for every message it refused and every
 * exception sip.js threw on an incoming message.
 */
export function userAgentOptions(
  config: PhoneConfig,
  uri: URI,
  platform: TelephonyPlatform,
  delegate: UserAgentDelegate,
  report: (draft: EventDraft) => void,
): UserAgentOptions {
  return {
    uri,
    transportConstructor: saneTransport(platform.transportConstructor ?? Web.Transport, (message) =>
      report({ type: 'error', code: 'sip-malformed', message }),
    ),
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
    contactName: contactName(),
    ...(config.authorizationUsername ? { authorizationUsername: config.authorizationUsername } : {}),
    ...(config.password ? { authorizationPassword: config.password } : {}),
    ...(config.displayName ? { displayName: config.displayName } : {}),
    ...(platform.sessionDescriptionHandlerFactory
      ? { sessionDescriptionHandlerFactory: platform.sessionDescriptionHandlerFactory }
      : {}),
  };
}

/**
 * Our Contact's user part. sip.js draws 8 random characters of [0-9a-z], which are all digits about
 * once in 10,000 phones: then a registrar's Request-URI (our contact) reads as a number and would
 * be taken as the DNIS of every incoming call (seed 000's cache key). A letter first: never.
 */
function contactName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `c${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
}
