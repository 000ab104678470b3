// Types for the JavaScript test-bed modules the bench reuses (test/e2e/*.mjs are plain JS + JSDoc).
declare module '*/test/e2e/kamailio-process.mjs' {
  export interface KamailioInfo {
    readonly wsUrl: string;
    readonly domain: string;
    readonly port: number;
    readonly logFile: string;
    readonly running: boolean;
  }
  export class KamailioServer {
    constructor(options: { binary: string; template: string });
    readonly logFile: string;
    info(): KamailioInfo;
    start(): Promise<KamailioInfo>;
    stop(): Promise<void>;
    logTail(lines?: number): string;
  }
}

declare module '*/test/e2e/prerequisites.mjs' {
  /** Throws with what to apt-get install when Chromium or Kamailio is missing. */
  export function assertPrerequisites(): { chromium: string; kamailio: string };
}

declare module '*/test/e2e/chromium-flags.mjs' {
  /** The Chromium flags verified in shared/NOTES.md. */
  export const CHROMIUM_FLAGS: readonly string[];
}
