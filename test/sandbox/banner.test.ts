/**
 * The banner `npm start` prints (src/sandbox/banner.ts) lists every demo page, and every page it
 * lists exists: a new page in demo/ fails here until the banner offers it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatBanner } from '../../src/sandbox/banner.ts';
import { DEMO_USERS } from '../../src/sandbox/sandbox-config.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = 'http://localhost:5173';
/** Pages that are not opened on their own: the iframe demo frames this one. */
const FRAMED_ONLY = new Set(['demo/frame.html']);

const banner = formatBanner({
  webPort: 5173,
  sipUrl: 'ws://127.0.0.1:5066',
  cache: { url: 'http://127.0.0.1:8787', user: 'demo:demo-secret' },
  users: DEMO_USERS,
});

/** The page file each of the banner's web URLs opens (`/` and `/?…` are index.html). */
function listedPages(text: string): string[] {
  const urls = [...text.matchAll(/http:\/\/localhost:5173(\/[^\s?]*)/g)].map((m) => m[1] ?? '/');
  return [...new Set(urls.map((path) => (path === '/' ? 'index.html' : path.slice(1))))];
}

describe('sandbox banner', () => {
  it('lists the standalone tab, the iframe demo, the CRM page, the caller page and index.html', () => {
    for (const url of [
      `${WEB}/?user=1001`,
      `${WEB}/demo/phone.html?user=1001`,
      `${WEB}/demo/iframe-demo.html`,
      `${WEB}/demo/crm.html`,
      `${WEB}/demo/caller.html`,
    ]) {
      assert.ok(banner.includes(url), url);
    }
  });

  it('lists only pages that exist', () => {
    const pages = listedPages(banner);
    assert.ok(pages.length >= 5, pages.join());
    for (const page of pages)
      assert.ok(existsSync(`${ROOT}${page}`), `${page} is in the banner but not on disk`);
  });

  it('lists every demo page there is', () => {
    const onDisk = [
      'index.html',
      ...readdirSync(`${ROOT}demo`)
        .filter((name) => name.endsWith('.html'))
        .map((name) => `demo/${name}`),
    ].filter((page) => !FRAMED_ONLY.has(page));
    assert.deepEqual(listedPages(banner).sort(), onDisk.sort());
  });
});
