// Bundles the bench needs besides `npm run build`'s: the bench page (probes + bare sip.js peer +
// widget driver, one ES module) and the size baseline (bare sip.js, IIFE, built like the embed bundle).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const quiet: InlineConfig = { configFile: false, root: ROOT, logLevel: 'error', clearScreen: false };

/** Builds bench/page/bench-page.ts into `outDir`/bench-page.js; returns the file's path. */
export async function buildBenchPage(outDir: string): Promise<string> {
  await build({
    ...quiet,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      lib: {
        entry: path.join(ROOT, 'bench/page/bench-page.ts'),
        formats: ['es'],
        fileName: () => 'bench-page.js',
      },
    },
  });
  return path.join(outDir, 'bench-page.js');
}

/** Builds the bare sip.js baseline with the embed bundle's settings (IIFE, es2022, vite's default minifier). */
export async function buildBareSipBundle(outDir: string): Promise<Buffer> {
  await build({
    ...quiet,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      lib: {
        entry: path.join(ROOT, 'bench/softphone/bare-sipjs-entry.ts'),
        formats: ['iife'],
        name: 'BareSip',
        fileName: () => 'bare-sipjs.js',
      },
    },
  });
  return readFileSync(path.join(outDir, 'bare-sipjs.js'));
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
