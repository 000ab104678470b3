import { z } from 'zod';
import { err, ok, type Result } from './core/result.ts';

/** Short-lived credentials (e.g. a token minted by the CRM's backend), fetched before each REGISTER. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}
export type CredentialProvider = () => Promise<Credentials>;

const wsUrl = z
  .string()
  .refine((s) => URL.canParse(s) && /^wss?:$/.test(new URL(s).protocol), 'must be a ws:// or wss:// URL');

const iceServer = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/**
 * Phone configuration. Defaults replace sip.js's where they are bad for an agent's phone:
 * no third-party STUN server, ICE gathering bounded to well under a second, registration
 * refreshed well before expiry, CRLF keep-alive, reconnection that never gives up.
 */
export const phoneConfigSchema = z
  .object({
    /** SIP over WebSocket server, e.g. wss://pbx.example.com:8089/ws */
    server: wsUrl,
    /** Address of record, e.g. sip:1001@pbx.example.com */
    aor: z.string().regex(/^sips?:[^@\s]+@[^@\s]+$/, 'must be a SIP URI such as sip:1001@example.com'),
    authorizationUsername: z.string().min(1).max(256).optional(),
    password: z.string().max(1024).optional(),
    credentials: z.custom<CredentialProvider>((v) => typeof v === 'function', 'must be a function').optional(),
    displayName: z.string().max(128).optional(),
    iceServers: z.array(iceServer).max(10).default([]),
    iceGatheringTimeoutMs: z.number().int().min(50).max(1000).default(500),
    registerExpiresS: z.number().int().min(30).max(86_400).default(600),
    /** Refresh the registration at this percentage of its expiry (≤ 90). */
    refreshAtPercent: z.number().int().min(50).max(90).default(85),
    keepAliveIntervalS: z.number().int().min(5).max(30).default(25),
    reconnectBaseMs: z.number().int().min(100).max(10_000).default(1000),
    reconnectMaxMs: z.number().int().min(1000).max(300_000).default(30_000),
    dtmf: z.enum(['rfc4733', 'info']).default('rfc4733'),
    /** Reject code when the agent declines: 486 Busy Here or 603 Decline. */
    rejectCode: z.union([z.literal(486), z.literal(603)]).default(486),
    /** Digits and letters allowed in a dial string before it becomes a SIP URI. */
    domain: z.string().max(253).optional(),
  })
  .refine((c) => c.password === undefined || c.credentials === undefined, {
    message: 'give either password or credentials, not both',
    path: ['credentials'],
  });

export type PhoneConfigInput = z.input<typeof phoneConfigSchema>;
export type PhoneConfig = z.output<typeof phoneConfigSchema>;

export interface ConfigError {
  readonly code: 'invalid-config';
  /** One line per problem, naming the field; never echoes a secret's value. */
  readonly issues: readonly string[];
}

export function parsePhoneConfig(input: unknown): Result<PhoneConfig, ConfigError> {
  const r = phoneConfigSchema.safeParse(input);
  if (r.success) return ok(r.data);
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
  return err({ code: 'invalid-config', issues });
}

/** The SIP domain calls are placed in: `domain` if given, else the AOR's host. */
export const sipDomain = (c: PhoneConfig): string => c.domain ?? c.aor.slice(c.aor.indexOf('@') + 1);
