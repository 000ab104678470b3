// Bundles the journal bench page (bench/journal/page/journal-page.ts: the journal's own modules,
// idb, the trials) into one ES module, as bench/softphone/build.ts does for the softphone's page.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILE = 'journal-page.js';

/** Builds the page into `outDir`/journal-page.js; returns the file's path. */
export async function buildJournalPage(outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    clearScreen: false,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      lib: {
        entry: path.join(ROOT, 'bench/journal/page/journal-page.ts'),
        formats: ['es'],
        fileName: () => FILE,
      },
    },
  });
  return path.join(outDir, FILE);
}
