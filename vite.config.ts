import { defineConfig } from 'vite';

/**
 * Vite configuration.
 * - Dev server: used by `npm start` (src/sandbox/web-server.ts passes host/port) and by `npx vite`.
 *   Serves the demo pages at the root: index.html (standalone phone) and demo/crm.html.
 * - Library build (`npm run build`): dist/lib (ES modules, dependencies external) and dist/embed/cti-softphone.js (IIFE).
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

/** One self-contained script for a <script> tag in a CRM page: `vite build --mode embed`. */
const embedBuild = {
  outDir: 'dist/embed',
  emptyOutDir: true,
  target: 'es2022',
  lib: {
    entry: 'src/embed.ts',
    formats: ['iife' as const],
    name: 'CtiSoftphone',
    fileName: () => 'cti-softphone.js',
  },
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
  build: mode === 'embed' ? embedBuild : libraryBuild,
}));
