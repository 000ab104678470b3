// The baseline's bundle: bench/embed/bare-register-entry.ts as one minified IIFE, with the embed
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
