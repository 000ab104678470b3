import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';
import { consumerFiles } from './consumer.ts';

/**
 * The package as a host gets it (issue 9): `npm pack` (its prepack builds, as from a clean clone),
 * installed into a fresh project beside the TypeScript we use, then type-checked under strict
 * options and bundled. Dependencies come from the npm cache our own install filled.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const execFileAsync = promisify(execFile);
/** Runs a command; a failure says what it printed (tsc and vite print their errors on stdout). */
const run = (file: string, args: string[], cwd = ROOT): Promise<string> =>
  execFileAsync(file, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`${file} ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
    },
  );
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

interface Manifest {
  modules: {
    declarations?: { kind: string; tagName?: string; events?: { name?: string }[] }[];
  }[];
}

describe('the npm package', { timeout: 240_000 }, () => {
  const temp = mkdtempSync(join(tmpdir(), 'cti-pack-'));
  const host = join(temp, 'host');
  let tarball = '';
  let files: string[] = [];

  before(async () => {
    await run(npm, ['pack', '--pack-destination', temp, '--loglevel', 'error']);
    const name = readdirSync(temp).find((f) => f.endsWith('.tgz'));
    assert.ok(name, 'npm pack wrote a tarball');
    tarball = join(temp, name);
    files = (await run('tar', ['-tzf', tarball]))
      .split('\n')
      .filter((f) => f !== '')
      .map((f) => f.replace(/^package\//, ''));
    for (const [path, text] of Object.entries(consumerFiles)) {
      mkdirSync(dirname(join(host, path)), { recursive: true });
      writeFileSync(join(host, path), text);
    }
    const typescript = `typescript@${ours.devDependencies['typescript'] ?? 'missing'}`;
    await run(
      npm,
      ['install', tarball, typescript, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      host,
    );
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('holds the build, its types and manifest, and no sources or tests', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/lib/index.js',
      'dist/lib/define.js',
      'dist/embed/cti-softphone.js',
      'dist/embed/cti-softphone.mjs',
      'dist/types/index.d.ts',
      'dist/types/define.d.ts',
      'dist/custom-elements.json',
    ])
      assert.ok(files.includes(f), `${f} is in the tarball`);
    const outside = files.filter(
      (f) => !f.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE)$/.test(f),
    );
    assert.deepEqual(outside, [], 'only dist/, package.json, README and LICENSE');
    // The source maps carry their sources (sourcesContent): src/ need not ship.
    assert.ok(files.some((f) => f.endsWith('.js.map')));
    const map = readFileSync(join(host, 'node_modules/cti-softphone/dist/lib/define.js.map'), 'utf8');
    assert.ok((JSON.parse(map) as { sourcesContent?: unknown[] }).sourcesContent?.length);
  });

  it('declares <cti-softphone> and <cti-call-history> for HTMLElementTagNameMap in its types', () => {
    const types = join(host, 'node_modules/cti-softphone/dist/types');
    assert.match(readFileSync(join(types, 'define.d.ts'), 'utf8'), /'cti-softphone': CtiSoftphone/);
    assert.match(
      readFileSync(join(types, 'ui/call-history.d.ts'), 'utf8'),
      /'cti-call-history': CtiCallHistory/,
    );
  });

  it('describes its elements in custom-elements.json (the package.json customElements field)', () => {
    const dir = join(host, 'node_modules/cti-softphone');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { customElements?: string };
    assert.equal(pkg.customElements, 'dist/custom-elements.json');
    const manifest = JSON.parse(readFileSync(join(dir, pkg.customElements), 'utf8')) as Manifest;
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    const phone = elements.find((d) => d.tagName === 'cti-softphone');
    assert.ok(phone, 'cti-softphone is described');
    const events = phone.events?.map((e) => e.name) ?? [];
    for (const name of ['cti-offer', 'cti-connect', 'cti-disconnect', 'cti-command-request', 'cti-status'])
      assert.ok(events.includes(name), `cti-softphone documents ${name}`);
    assert.ok(elements.some((d) => d.tagName === 'cti-call-history'));
  });

  it('type-checks in a strict TypeScript host (moduleResolution bundler, and nodenext)', async () => {
    const tsc = join(host, 'node_modules/typescript/bin/tsc');
    // Our .d.ts are checked strictly once; the second run is for nodenext's resolution (a .d.ts
    // import that did not resolve would make CtiSoftphone `any` and trip the @ts-expect-error lines).
    const nodenext = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck'];
    for (const flags of [[], nodenext]) {
      assert.equal(await run(process.execPath, [tsc, '-p', host, '--pretty', 'false', ...flags]), '');
    }
  });

  it('bundles with Vite from the installed package and its dependencies', async () => {
    const outDir = join(host, 'dist');
    await build({
      root: host,
      configFile: false,
      logLevel: 'silent',
      build: { outDir, rolldownOptions: { input: join(host, 'src/main.ts') }, minify: false },
    });
    const js = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    const bundle = js.map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n');
    assert.match(bundle, /customElements\.define/);
    assert.match(bundle, /cti-softphone/);
    assert.doesNotMatch(bundle, /from\s*["'](lit|sip\.js|zod|idb)\b/, 'the dependencies are bundled too');
  });
});
