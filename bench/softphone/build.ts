// Bundles the bench needs besides `npm run build`'s: the bench page (probes + bare sip.js peer +
// widget driver, one ES module) and the size baseline (bare sip.js, IIFE, built like the embed bundle).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const quiet: InlineConfig = { configFile: false, root: ROOT, logLevel: 'error', clearScreen: false };

/** One library build of `entry` (relative to the repo) into `outDir`/`fileName`; returns the file's path. */
async function buildOne(
  outDir: string,
  entry: string,
  fileName: string,
  lib: { format: 'es' | 'iife'; name?: string; minify: boolean },
): Promise<string> {
  await build({
    ...quiet,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: lib.minify,
      lib: {
        entry: path.join(ROOT, entry),
        formats: [lib.format],
        ...(lib.name ? { name: lib.name } : {}),
        fileName: () => fileName,
      },
    },
  });
  return path.join(outDir, fileName);
}

/** Builds bench/page/bench-page.ts into `outDir`/bench-page.js; returns the file's path. */
export function buildBenchPage(outDir: string): Promise<string> {
  return buildOne(outDir, 'bench/page/bench-page.ts', 'bench-page.js', { format: 'es', minify: false });
}

/** Builds the bare sip.js baseline with the embed bundle's settings (IIFE, es2022, vite's default minifier). */
export async function buildBareSipBundle(outDir: string): Promise<Buffer> {
  const file = await buildOne(outDir, 'bench/softphone/bare-sipjs-entry.ts', 'bare-sipjs.js', {
    format: 'iife',
    name: 'BareSip',
    minify: true,
  });
  return readFileSync(file);
}

/** The embed bundle exactly as `vite build --mode embed` makes it, but not minified (readable profiles). */
export async function buildEmbedUnminified(outDir: string): Promise<string> {
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: ROOT,
    mode: 'embed',
    logLevel: 'error',
    build: { outDir, emptyOutDir: false, minify: false },
  });
  return path.join(outDir, 'cti-softphone.js');
}
