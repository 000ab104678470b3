/**
 * What `npm start` tells its demo pages at /sandbox.json (web-server.ts serves it, the pages read
 * it: demo/sandbox-phone.ts): whether the call-data cache runs, where, and which extension the
 * cache's pool numbers ring. No secret is in it: the pages know the public demo login themselves.
 * Shared by Node and the browser, so it imports zod/mini only.
 */
import { z } from 'zod/mini';

export const SANDBOX_JSON_PATH = '/sandbox.json';

const httpUrl = z.string().check(
  z.maxLength(256),
  z.refine((s) => /^https?:\/\/[^/\s]+\/?$/.test(s), 'must be http(s)://host:port'),
);
const text = z.string().check(z.maxLength(1000));
const extension = z.string().check(z.regex(/^[0-9]{1,32}$/));

export const sandboxPageSchema = z.object({
  /** The extension a call to one of the cache's pool numbers (a DNIS) rings. */
  poolAgent: extension,
  /** A few of the pool's numbers, for the pages to show. */
  poolSample: z.array(z.string().check(z.regex(/^[0-9]{1,20}$/))).check(z.maxLength(8)),
  cache: z.union([
    z.object({ running: z.literal(true), url: httpUrl }),
    z.object({ running: z.literal(false), reason: text }),
  ]),
});
export type SandboxPage = z.infer<typeof sandboxPageSchema>;
export type SandboxPageCache = SandboxPage['cache'];

/** What a page assumes when there is no /sandbox.json (served by plain `npx vite`) or it is garbled. */
export const NO_SANDBOX_PAGE: SandboxPage = {
  poolAgent: '1001',
  poolSample: [],
  cache: { running: false, reason: 'this page is not served by `npm start` (no /sandbox.json)' },
};

/** The page's side of the boundary: whatever came back, a valid SandboxPage. */
export function parseSandboxPage(json: unknown): SandboxPage {
  const parsed = sandboxPageSchema.safeParse(json);
  return parsed.success ? parsed.data : NO_SANDBOX_PAGE;
}

/** One line for a page to show under its phone: what call data it can expect. */
export function cacheNote(cache: SandboxPageCache): string {
  return cache.running
    ? `Call-data cache (seed 000): ${cache.url}. Calls to a pool number pop the data stored for them.`
    : `Call-data cache off: ${cache.reason}. Calls still ring, with the data their SIP headers carry.`;
}
