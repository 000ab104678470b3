import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

/** Minified size as built, and gzip size at zlib level 9. */
export function bundleSize(code: Buffer): BundleSize {
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

export function fileBundleSize(file: string): BundleSize {
  return bundleSize(readFileSync(file));
}
