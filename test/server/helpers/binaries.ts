import { spawnSync } from 'node:child_process';

/**
 * Fails (never skips) when a program the tests need is missing, saying what to install.
 */
export function requireBinary(name: string, install: string): void {
  const probe = spawnSync(name, ['--version'], { stdio: 'ignore' });
  if (probe.error !== undefined) {
    throw new Error(`"${name}" is required by this test but was not found on PATH. Install it: ${install}`);
  }
}
