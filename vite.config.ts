import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, Visitor, type ESTree, type Plugin } from 'vite';

/**
 * Vite configuration.
 * - Dev server: used by `npm start` (src/sandbox/web-server.ts passes host/port) and by `npx vite`.
 *   Serves the demo pages at the root: index.html (the sandbox's phone), demo/crm.html, demo/phone.html
 *   (the standalone tab), and public/ (its web app manifest and icons) at /.
 * - Library build (`npm run build`): dist/lib (ES modules, dependencies external) and dist/embed
 *   (the script tag's loader, module and lazy chunks; decision 0009), then dist/custom-elements.json;
 *   package.json's build:types writes dist/types.
 */
/** ES modules for bundlers: no side effects on import of index.js; define.js registers the element. */
const libraryBuild = {
  outDir: 'dist/lib',
  emptyOutDir: true,
  target: 'es2022',
  sourcemap: true,
  lib: { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es' as const] },
  // Every runtime dependency stays external: the host's bundler dedupes and tree-shakes them.
  rolldownOptions: {
    external: [
      /^lit($|\/)/,
      /^@lit\//,
      /^sip\.js($|\/)/,
      /^zod($|\/)/,
      /^idb($|\/)/,
      /^libphonenumber-js($|\/)/,
    ],
  },
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

export default defineConfig(({ command, mode }) => ({
  // Multi-page app: unknown paths are 404s, not a fallback to index.html.
  appType: 'mpa',
  // public/ is the demo pages' (served at /); every build here is a library (dist/lib, dist/embed),
  // which must not ship the sandbox's manifest and icons.
  publicDir: command === 'build' ? false : 'public',
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
    entries: ['index.html', 'demo/crm.html', 'demo/phone.html'],
    include: ['lit', 'sip.js', 'zod/mini'],
  },
  // The embed bundle goes to browsers as is: sip.js's silenced log calls are dead weight there.
  plugins: mode === 'embed' ? [stripSipLogs()] : builds[mode] ? [] : [customElementsManifest()],
  build: builds[mode] ?? libraryBuild,
}));

// The build's plugins live here (the top level holds no build/ directory); bench/ uses it too.
/**
 * Drops sip.js's `logger.warn/log/debug(...)` statements from a bundle. The phone always gives
 * sip.js `logLevel: 'error'` and no log connector (src/telephony/ua-options.ts), so those calls
 * print nothing; their messages are ~3 KB of the embed bundle's gzip. Only calls whose arguments
 * are plain reads (literals, names, `a.b`, templates and `+` of those) go: a call that computes
 * something (`e.toString()`) stays, so no code with an effect is removed.
 */
export function stripSipLogs(): Plugin {
  return {
    name: 'cti:strip-sip-logs',
    transform: {
      filter: { id: /[\\/]node_modules[\\/]sip\.js[\\/]lib[\\/]/, code: /logger\.(warn|log|debug)\(/ },
      handler(code) {
        const cuts: ESTree.Span[] = [];
        new Visitor({
          ExpressionStatement(node) {
            if (isSilentLog(node.expression)) cuts.push(node);
          },
        }).visit(this.parse(code));
        if (cuts.length === 0) return undefined;
        // Blanked, not cut: every other character keeps its position, so source maps stay right.
        let out = code;
        for (const { start, end } of cuts)
          out = `${out.slice(0, start)};${out.slice(start + 1, end).replace(/[^\n]/g, ' ')}${out.slice(end)}`;
        return { code: out, map: null };
      },
    },
  };
}

const SILENT = new Set(['warn', 'log', 'debug']);

/** `logger.log(...)` or `this.x.logger.debug(...)` with arguments that only read. */
function isSilentLog(e: ESTree.Expression): boolean {
  if (e.type !== 'CallExpression' || e.callee.type !== 'MemberExpression' || e.callee.computed) return false;
  const { object, property } = e.callee;
  const logger =
    (object.type === 'Identifier' && object.name === 'logger') ||
    (object.type === 'MemberExpression' && !object.computed && object.property.name === 'logger');
  return (
    logger && SILENT.has(property.name) && e.arguments.every((a) => a.type !== 'SpreadElement' && reads(a))
  );
}

function reads(e: ESTree.Expression): boolean {
  switch (e.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
      return true;
    case 'TemplateLiteral':
      return e.expressions.every(reads);
    case 'BinaryExpression':
      return e.operator === '+' && reads(e.left) && reads(e.right);
    case 'MemberExpression':
      return !e.computed && reads(e.object);
    default:
      return false;
  }
}

/** The analyzer's output, as far as the fix-ups below read it. */
interface Manifest {
  modules: { path: string; exports?: object[]; declarations?: Declaration[] }[];
}
interface Declaration {
  name: string;
  members?: { name: string; privacy?: string }[];
  attributes?: { fieldName?: string }[];
  events?: { name?: string }[];
}

/**
 * dist/custom-elements.json from the components' JSDoc (the analyzer in Lit mode), with what it
 * gets wrong put right: define.ts registers CtiSoftphone through a parameter the analyzer cannot
 * follow (so the tag is named here), `state: true` properties are no attributes, and an event
 * dispatched by a constant's name (HISTORY_CALL_EVENT) would be listed again under the constant.
 */
function customElementsManifest(): Plugin {
  const tags: Readonly<Record<string, string>> = { CtiSoftphone: 'cti-softphone' };
  const file = 'dist/custom-elements.json';
  const args =
    'analyze --litelement --quiet --outdir dist --globs src/element.ts src/ui/softphone-view.ts src/ui/call-history.ts';
  return {
    name: 'cti:custom-elements-manifest',
    apply: 'build',
    closeBundle() {
      const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
      execFileSync(process.execPath, [cem, ...args.split(' ')]);
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      for (const module of manifest.modules)
        for (const d of module.declarations ?? []) {
          const tag = tags[d.name];
          const declaration = { name: d.name, module: module.path };
          if (tag) Object.assign(d, { tagName: tag, customElement: true });
          if (tag) module.exports?.push({ kind: 'custom-element-definition', name: tag, declaration });
          const internal = (field?: string) =>
            d.members?.some((m) => m.name === field && m.privacy !== undefined && m.privacy !== 'public');
          if (d.attributes) d.attributes = d.attributes.filter((a) => !internal(a.fieldName));
          if (d.events)
            d.events = d.events.filter((e) => e.name === undefined || /^[a-z][a-z0-9-]*$/.test(e.name));
        }
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}
