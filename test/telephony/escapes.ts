import assert from 'node:assert/strict';
import { DOMAIN, header, registered, type scriptedPhone } from './harness.ts';
import type { Target } from './malformed-frames.ts';
import { uriOf } from './sip-message.ts';

/** Everything that would reach a host page as an uncaught error or an unhandled rejection. */
export function escapes() {
  const seen: string[] = [];
  const rejection = (e: unknown) => seen.push(`unhandled rejection: ${String(e)}`);
  const exception = (e: unknown) => seen.push(`uncaught exception: ${String(e)}`);
  process.on('unhandledRejection', rejection);
  process.on('uncaughtException', exception);
  return {
    seen,
    off: () => {
      process.off('unhandledRejection', rejection);
      process.off('uncaughtException', exception);
    },
  };
}

/** A registered scripted phone, and where its proxy would deliver to it. */
export async function registeredTarget(p: ReturnType<typeof scriptedPhone>): Promise<Target> {
  await registered(p);
  const register = p.wire.sent.find((m) => m.method === 'REGISTER');
  assert.ok(register);
  return { contact: uriOf(header(register, 'contact')), via: header(register, 'via'), domain: DOMAIN };
}
