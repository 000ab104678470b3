// Fails the test run (never skips it) when a system package the browser tests need is missing.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const KAMAILIO_MODULES_DIR = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} file */
function exists(file) {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds `kamailio` on PATH or in /usr/sbin (often missing from a non-root PATH). */
export function findKamailio() {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    if (dir && isExecutable(path.join(dir, 'kamailio'))) return path.join(dir, 'kamailio');
  }
  return undefined;
}

/**
 * Returns the resolved binaries, or throws an Error naming exactly the Debian packages to install.
 * @returns {{ chromium: string, kamailio: string }}
 */
export function assertPrerequisites() {
  /** @type {string[]} */
  const missing = [];
  /** @type {string[]} */
  const packages = [];
  if (!isExecutable(CHROMIUM_PATH)) {
    missing.push(`${CHROMIUM_PATH} (headless browser for the browser tests)`);
    packages.push('chromium');
  }
  const kamailio = findKamailio();
  if (!kamailio) {
    missing.push('kamailio (SIP server for the end-to-end tests)');
    packages.push('kamailio');
  }
  const websocketModule = path.join(KAMAILIO_MODULES_DIR, 'websocket.so');
  if (!exists(websocketModule)) {
    missing.push(`${websocketModule} (Kamailio WebSocket transport)`);
    packages.push('kamailio-websocket-modules');
  }
  if (missing.length > 0 || !kamailio) {
    throw new Error(
      `Browser tests cannot run, missing:\n  - ${missing.join('\n  - ')}\n` +
        `Install with:\n  apt-get update && apt-get install -y ${packages.join(' ')}\n` +
        '(or run .ci/run, which installs them)',
    );
  }
  return { chromium: CHROMIUM_PATH, kamailio };
}
