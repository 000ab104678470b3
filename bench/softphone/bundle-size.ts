import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseSync } from 'vite';

export interface BundleSize {
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

export interface FileSize extends BundleSize {
  /** Relative to dist/embed, e.g. `chunks/journal-chunk-Ab12.js`. */
  readonly file: string;
}

/**
 * The script-tag build's size as a page pays it. The figure (minified and gzip bytes) is the
 * critical path: the loader, the module it imports, and every chunk that module imports
 * statically, each gzipped on its own (as served) and summed. `lazy` are the chunks loaded on
 * first use only (the journal's, the call history's), each listed apart.
 */
export interface EmbedSize extends BundleSize {
  readonly criticalPath: readonly FileSize[];
  readonly lazy: readonly FileSize[];
}

/** Minified size as built, and gzip size at zlib level 9. */
export function bundleSize(code: Buffer): BundleSize {
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

export function fileBundleSize(file: string): BundleSize {
  return bundleSize(readFileSync(file));
}

/** The name the loader imports from beside itself (src/embed.ts). */
const MODULE = 'cti-softphone.mjs';

/** The files an ES module imports statically (`import … from`, `export … from`), relative to `dir`. */
function staticImports(dir: string, file: string): string[] {
  const { module, errors } = parseSync(file, readFileSync(path.join(dir, file), 'utf8'));
  if (errors.length > 0) throw new Error(`${file} does not parse: ${errors[0]?.message ?? ''}`);
  const requests = [
    ...module.staticImports.map((i) => i.moduleRequest.value),
    ...module.staticExports.flatMap((e) =>
      e.entries.flatMap((x) => (x.moduleRequest ? [x.moduleRequest.value] : [])),
    ),
  ];
  return requests.map((r) => {
    if (!r.startsWith('.')) throw new Error(`${file} imports ${r}: the embed build must be self-contained`);
    return path.posix.normalize(path.posix.join(path.posix.dirname(file), r));
  });
}

/** Sizes of the script-tag build whose loader is `loader` (dist/embed/cti-softphone.js). */
export function embedBundleSize(loader: string): EmbedSize {
  const dir = path.dirname(loader);
  const sized = (file: string): FileSize => ({ file, ...fileBundleSize(path.join(dir, file)) });
  const critical = new Set<string>();
  const visit = (file: string): void => {
    if (critical.has(file)) return;
    critical.add(file);
    staticImports(dir, file).forEach(visit);
  };
  visit(MODULE);
  const chunkDir = path.join(dir, 'chunks');
  const chunks = existsSync(chunkDir)
    ? readdirSync(chunkDir)
        .filter((f) => f.endsWith('.js'))
        .map((f) => `chunks/${f}`)
    : [];
  const criticalPath = [path.basename(loader), ...critical].map(sized);
  return {
    minifiedBytes: criticalPath.reduce((sum, f) => sum + f.minifiedBytes, 0),
    gzipBytes: criticalPath.reduce((sum, f) => sum + f.gzipBytes, 0),
    criticalPath,
    lazy: chunks.filter((c) => !critical.has(c)).map(sized),
  };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** One line for the bench's log: the critical path's files, then the lazy chunks. */
export function describeEmbed(s: EmbedSize): string {
  const list = (fs: readonly FileSize[]) => fs.map((f) => `${f.file} ${kib(f.gzipBytes)}`).join(', ');
  return `critical path ${kib(s.gzipBytes)} gzip-9 (${list(s.criticalPath)}); lazy: ${list(s.lazy) || 'none'}`;
}
