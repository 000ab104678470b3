// Bundles the bench needs besides `npm run build`'s: the bench page (probes + bare sip.js peer +
// widget driver, one ES module) and the size baseline (bare sip.js, IIFE, built like the embed bundle).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig, type PluginOption } from 'vite';
import { stripSipLogs } from '../../vite.config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const quiet: InlineConfig = { configFile: false, root: ROOT, logLevel: 'error', clearScreen: false };

/** One library build of `entry` (relative to the repo) into `outDir`/`fileName`; returns the file's path. */
async function buildOne(
  outDir: string,
  entry: string,
  fileName: string,
  lib: { format: 'es' | 'iife'; name?: string; minify: boolean },
  plugins: PluginOption[] = [],
): Promise<string> {
  await build({
    ...quiet,
    plugins,
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

/**
 * Builds the bare sip.js baseline with the embed bundle's settings (es2022, vite's default
 * minifier, sip.js's silenced log calls stripped), as one IIFE.
 */
export async function buildBareSipBundle(outDir: string): Promise<Buffer> {
  const file = await buildOne(
    outDir,
    'bench/softphone/bare-sipjs-entry.ts',
    'bare-sipjs.js',
    { format: 'iife', name: 'BareSip', minify: true },
    [stripSipLogs()],
  );
  return readFileSync(file);
}

/**
 * The script-tag build exactly as `npm run build` makes it (`--mode embed`, then `--mode
 * embed-loader`), but not minified (readable profiles); returns the loader's path.
 */
export async function buildEmbedUnminified(outDir: string): Promise<string> {
  for (const mode of ['embed', 'embed-loader'])
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      root: ROOT,
      mode,
      logLevel: 'error',
      // The embed build asks rolldown to minify itself (lib mode would not): override both.
      build: { outDir, emptyOutDir: false, minify: false, rolldownOptions: { output: { minify: false } } },
    });
  return path.join(outDir, 'cti-softphone.js');
}
