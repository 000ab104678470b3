// The widget's script-tag build, as `npm run build` makes it (`--mode embed`, then `--mode
// embed-loader`), into a directory of the bench's own (dist/ may be stale, or another's), and the
// baseline's bundle: bench/embed/bare-register-entry.ts as one minified IIFE, with the embed
// bundle's settings (es2022, vite's default minifier, sip.js's silenced log calls stripped).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { stripSipLogs } from '../../vite.config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the bare sip.js registering page's script into `outDir`; returns its path. */
export async function buildBareRegister(outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    clearScreen: false,
    plugins: [stripSipLogs()],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: {
        entry: path.join(ROOT, 'bench/embed/bare-register-entry.ts'),
        formats: ['iife'],
        name: 'BareRegister',
        fileName: () => 'bare-register.js',
      },
    },
  });
  return path.join(outDir, 'bare-register.js');
}

/** The script-tag build of the working tree into `outDir`, minified as in dist/embed; returns the loader's path. */
export async function buildEmbed(outDir: string): Promise<string> {
  for (const mode of ['embed', 'embed-loader'])
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      root: ROOT,
      mode,
      logLevel: 'error',
      build: { outDir, emptyOutDir: false },
    });
  return path.join(outDir, 'cti-softphone.js');
}
