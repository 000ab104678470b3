import { z } from 'zod/mini';
import { parsePhoneConfig, type ConfigError, type PhoneConfigInput } from './config.ts';
import { err, ok, type Result } from './core/result.ts';

/**
 * The script tag's `data-config-url`: one JSON config for every agent of a CRM (the server, ICE
 * servers, timers, the journal's webhook, …), the tag adding each agent's own fields. A chunk of
 * dist/embed, loaded only by a tag that has the attribute (embed-module.ts).
 */

/** The JSON: an object of phone config fields (checked with the rest below), never a secret. */
const remoteConfig = z
  .custom<Record<string, unknown>>((v) => !!v && typeof v === 'object' && !Array.isArray(v), 'not an object')
  .check(z.refine((o) => !('password' in o || 'credentials' in o), 'no secrets here: use data-credentials'));

/** How long the config may take to arrive. */
const TIMEOUT_MS = 10_000;

/** Fetched (relative to the page), parsed as JSON and checked; a problem names the URL. */
async function fetchConfig(url: string): Promise<Result<Record<string, unknown>, string>> {
  let problem: unknown;
  try {
    const response = await fetch(new URL(url, document.baseURI), { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const checked = response.ok && remoteConfig.safeParse(await response.json());
    if (checked && checked.success) return ok(checked.data);
    problem = checked ? checked.error.issues[0]?.message : `HTTP ${response.status}`;
  } catch (e) {
    problem = e instanceof Error ? e.message : e;
  }
  return err(`data-config-url ${url}: ${String(problem)}`);
}

/**
 * The phone's config: the JSON at `url` with the tag's own `attributes` over it, checked as a
 * whole (every problem a line naming its field, never a secret's value).
 */
export async function configFromUrl(
  url: string,
  attributes: Readonly<Record<string, unknown>>,
): Promise<Result<PhoneConfigInput, ConfigError>> {
  const remote = await fetchConfig(url);
  if (!remote.ok) return err({ code: 'invalid-config', issues: [remote.error] });
  const input = { ...remote.value, ...attributes };
  const checked = parsePhoneConfig(input);
  return checked.ok ? ok(input as PhoneConfigInput) : checked;
}

/**
 * Says why no phone was mounted: `cti-config-error` from `where` (bubbling, as the element's
 * own), the console, and the floating card's text when `where` is the card.
 */
export function reportConfigError(where: Element, error: ConfigError): void {
  console.error(`cti-softphone: invalid config: ${error.issues.join('; ')}`);
  if (where.localName === 'cti-floating-phone')
    Object.assign(where, { error: 'The phone could not start: its configuration is invalid.' });
  where.dispatchEvent(new CustomEvent('cti-config-error', { detail: error, bubbles: true, composed: true }));
}
