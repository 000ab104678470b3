// Browser-side access to the run's Kamailio (served by kamailio-plugin.mjs through wtr server commands).
import { executeServerCommand } from '@web/test-runner-commands';
import { z } from 'zod';
import { waitFor } from './wait.ts';

const KamailioInfo = z.object({
  /** ws://127.0.0.1:PORT: the SIP-over-WebSocket server. */
  wsUrl: z.string(),
  /** SIP domain of every AOR: sip:1001@<domain>. */
  domain: z.string(),
  port: z.number().int(),
  /** Kamailio's log on the Node side: quote it in failure messages. */
  logFile: z.string(),
  running: z.boolean(),
});
export type KamailioInfo = z.infer<typeof KamailioInfo>;

const Registrations = z.array(z.string());

/** Users provisioned in kamailio.cfg: 1001..1009, password `pw<user>`. */
export const passwordOf = (user: string): string => `pw${user}`;

/** Where to connect: WebSocket URL, SIP domain, log file. */
export async function kamailioInfo(): Promise<KamailioInfo> {
  return KamailioInfo.parse(await executeServerCommand('kamailio-info'));
}

/** Stops Kamailio (all registrations are lost; WebSocket clients see their transport drop). */
export async function stopKamailio(): Promise<KamailioInfo> {
  return KamailioInfo.parse(await executeServerCommand('kamailio-stop'));
}

/** Starts Kamailio again on the same port; resolves once it answers JSON-RPC. */
export async function startKamailio(): Promise<KamailioInfo> {
  return KamailioInfo.parse(await executeServerCommand('kamailio-start'));
}

/** Registered AORs' user parts (e.g. ["1001", "1002"]), sorted, from Kamailio's location table. */
export async function kamailioRegistrations(): Promise<string[]> {
  return Registrations.parse(await executeServerCommand('kamailio-registrations'));
}

const Locations = z.array(
  z.object({
    aor: z.string(),
    contacts: z.array(
      z.object({
        address: z.string(),
        expires: z.union([z.number(), z.string()]),
        userAgent: z.string(),
        received: z.string(),
      }),
    ),
  }),
);
export type KamailioLocation = z.infer<typeof Locations>[number];
export type KamailioContact = KamailioLocation['contacts'][number];

/** Kamailio's location table over JSON-RPC (ul.dump): every AOR with its contacts. */
export async function kamailioLocations(): Promise<KamailioLocation[]> {
  return Locations.parse(await executeServerCommand('kamailio-locations'));
}

/** The live contacts of one user (what an INVITE to it forks to): expired or deleted ones left out. */
export async function contactsOf(user: string): Promise<KamailioContact[]> {
  const location = (await kamailioLocations()).find((l) => l.aor === user);
  return (location?.contacts ?? []).filter((c) => typeof c.expires === 'number' && c.expires > 0);
}

/** Waits until Kamailio's location table holds exactly `users` (any order). */
export async function waitForRegistrations(users: readonly string[], timeout = 10_000): Promise<void> {
  const expected = [...users].sort().join(',');
  let last = '';
  await waitFor(
    async () => {
      last = (await kamailioRegistrations()).join(',');
      return last === expected;
    },
    { timeout, what: () => `Kamailio registrations [${expected}] (last seen [${last}])` },
  );
}
