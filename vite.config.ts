import { defineConfig } from 'vite';
import { stripSipLogs } from './build/strip-sip-logs.ts';

/**
 * Vite configuration.
 * - Dev server: used by `npm start` (src/sandbox/web-server.ts passes host/port) and by `npx vite`.
 *   Serves the demo pages at the root: index.html (standalone phone) and demo/crm.html.
 * - Library build (`npm run build`): dist/lib (ES modules, dependencies external) and dist/embed
 *   (the script tag's loader, module and lazy chunks; decision 0009).
 */
/** ES modules for bundlers: no side effects on import of index.js; define.js registers the element. */
const libraryBuild = {
  outDir: 'dist/lib',
  emptyOutDir: true,
  target: 'es2022',
  sourcemap: true,
  lib: { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es' as const] },
  rolldownOptions: { external: [/^lit($|\/)/, /^@lit\//, /^sip\.js($|\/)/, /^zod($|\/)/] },
};

/**
 * For a <script> tag in a CRM page, two builds: `--mode embed`, the phone as one ES module with
 * everything needed to register and ring (dist/embed/cti-softphone.mjs) and chunks loaded on first
 * use (dist/embed/chunks/); then `--mode embed-loader`, the classic script cti-softphone.js that
 * reads its data-* attributes and imports the module from beside itself.
 */
const embedBuild = {
  outDir: 'dist/embed',
  emptyOutDir: true,
  target: 'es2022',
  // Lib mode: no module-preload helper around the lazy imports (the chunks have no CSS or
  // dependencies of their own to preload); lib mode would not minify ES output, so say so.
  lib: { entry: { 'cti-softphone': 'src/embed-module.ts' }, formats: ['es' as const] },
  rolldownOptions: {
    // The entry may export more than mountFromScript: the code the lazy chunks share with it is
    // merged into it instead of a third file every page would load (rolldown's mergeCommonChunks).
    preserveEntrySignatures: 'allow-extension' as const,
    output: {
      entryFileNames: '[name].mjs',
      chunkFileNames: 'chunks/[name]-[hash].js',
      minify: true,
      comments: { annotation: false },
    },
  },
};
const embedLoaderBuild = {
  outDir: 'dist/embed',
  emptyOutDir: false,
  target: 'es2022',
  lib: {
    entry: 'src/embed.ts',
    formats: ['iife' as const],
    name: 'CtiSoftphone',
    fileName: () => 'cti-softphone.js',
  },
};
const builds: Record<string, typeof libraryBuild | typeof embedBuild | typeof embedLoaderBuild> = {
  embed: embedBuild,
  'embed-loader': embedLoaderBuild,
};

export default defineConfig(({ mode }) => ({
  // Multi-page app: unknown paths are 404s, not a fallback to index.html.
  appType: 'mpa',
  clearScreen: false,
  logLevel: mode === 'test' ? 'warn' : 'info',
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
  },
  // Pre-bundle the widget's dependencies at start-up, so the first page load is not
  // followed by a "new dependencies optimized" full reload.
  optimizeDeps: {
    entries: ['index.html', 'demo/crm.html'],
    include: ['lit', 'sip.js', 'zod/mini'],
  },
  // The embed bundle goes to browsers as is: sip.js's silenced log calls are dead weight there.
  plugins: mode === 'embed' ? [stripSipLogs()] : [],
  build: builds[mode] ?? libraryBuild,
}));
