/**
 * docs/host-api.md cannot drift from the code: each of its tables is compared, both ways, with what
 * the code declares (the components' JSDoc @event / @csspart / @cssproperty lines, the event
 * schemas of src/core/events.ts, the element's properties and methods, src/phone-api.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { phoneEventSchema, phoneEventTypes } from '../../src/core/events.ts';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const doc = read('docs/host-api.md');
const element = read('src/element.ts');
const view = read('src/ui/softphone-view.ts');
const floating = read('src/ui/floating-shell.ts');
const phoneApi = read('src/phone-api.ts');

/** The doc's text under a heading, up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  assert.notEqual(start, -1, `docs/host-api.md has no "${heading}"`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, i) => {
    if (i <= start) return false;
    const hashes = /^(#+) /.exec(line)?.[1]?.length;
    return hashes !== undefined && hashes <= level;
  });
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

/** The cells of each table body row (header rows name no code, so they hold no backticks). */
export function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|') && !/^\|\s*-/.test(line.trim()))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => (cells[0] ?? '').includes('`'));
}

/** The backticked names in a text, in order. */
const ticks = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
/** Each row's first name: `dial(target, …)` is `dial`. */
const names = (text: string): string[] =>
  rows(text).map((cells) => (ticks(cells[0] ?? '')[0] ?? '').split('(')[0] ?? '');
const jsdoc = (source: string, tag: string): string[] =>
  [...source.matchAll(new RegExp(`^ \\* @${tag} (\\S+) - `, 'gm'))].map((m) => m[1] ?? '');

function sameSet(documented: string[], declared: string[], what: string): void {
  assert.equal(new Set(documented).size, documented.length, `${what}: listed twice in docs/host-api.md`);
  const missing = declared.filter((name) => !documented.includes(name));
  const extra = documented.filter((name) => !declared.includes(name));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${what}: docs/host-api.md vs the code`);
}

describe('docs/host-api.md against the code', () => {
  it('lists each DOM event the element documents (@event), and one cti-<type> per phone event type', () => {
    const documented = names(section(doc, '## Events'));
    const declared = jsdoc(element, 'event');
    sameSet(documented, declared, 'events');
    for (const type of phoneEventTypes) assert.ok(documented.includes(`cti-${type}`), `cti-${type}`);
  });

  it("gives each phone event's detail fields exactly as its schema has them", () => {
    const stamp = new Set(['type', 'v', 'id', 'seq', 'at']);
    const fields = new Map<string, string[]>();
    for (const option of phoneEventSchema._zod.def.options) {
      const { type, ...shape } = option.shape;
      const [value] = type._zod.def.values;
      fields.set(
        `cti-${String(value)}`,
        Object.keys(shape).filter((key) => !stamp.has(key)),
      );
    }
    for (const cells of rows(section(doc, '## Events'))) {
      const event = ticks(cells[0] ?? '')[0] ?? '';
      const schema = fields.get(event);
      if (!schema) continue; // not a phone event: its detail is a command, an error, the status
      const listed = ticks(cells[1] ?? '').map((name) => name.replace(/\?$/, ''));
      sameSet(listed, schema, `${event}'s detail`);
    }
  });

  it("lists the view's CSS parts (@csspart) and the floating card's", () => {
    sameSet(
      names(section(doc, '## CSS parts').split('\n### ')[0] ?? ''),
      jsdoc(view, 'csspart'),
      'CSS parts',
    );
    sameSet(
      names(section(doc, "### The script tag's floating card (`<cti-floating-phone>`)")),
      jsdoc(floating, 'csspart'),
      'floating card parts',
    );
  });

  it('lists the CSS custom properties (@cssproperty), and every one the styles read', () => {
    const documented = names(section(doc, '## CSS custom properties'));
    sameSet(
      documented,
      [...jsdoc(view, 'cssproperty'), ...jsdoc(element, 'cssproperty')],
      'custom properties',
    );
    for (const file of readdirSync(new URL('../../src/ui/', import.meta.url)).filter((f) =>
      f.endsWith('.styles.ts'),
    )) {
      for (const [, name] of read(`src/ui/${file}`).matchAll(/var\((--cti-[a-z-]+)/g))
        assert.ok(documented.includes(name ?? ''), `${name} (src/ui/${file})`);
    }
  });

  it("lists the element's public properties, and its reflected attribute", () => {
    const declared = [element, view].flatMap((source) => [
      ...[...source.matchAll(/^ {2}declare (?!protected )(\w+)/gm)].map((m) => m[1] ?? ''),
      ...[...source.matchAll(/^ {2}(\w+): [^;]+ = /gm)].map((m) => m[1] ?? ''),
      ...[...source.matchAll(/^ {2}static readonly (\w+) = /gm)].map((m) => `CtiSoftphone.${m[1] ?? ''}`),
    ]);
    const table = rows(section(doc, '## Properties and attributes'));
    sameSet(
      table.map((cells) => ticks(cells[0] ?? '')[0] ?? ''),
      declared,
      'properties',
    );
    const attributes = table.flatMap((cells) => ticks(cells[1] ?? ''));
    const reflected = [...element.matchAll(/^ {4}(\w+): \{ reflect: true \}/gm)].map((m) => m[1] ?? '');
    sameSet(attributes, reflected, 'attributes');
  });

  it("lists the element's public methods", () => {
    const declared = [element, view]
      .flatMap((source) => [...source.matchAll(/^ {2}(?:async )?([a-z]\w*)\(/gm)].map((m) => m[1] ?? ''))
      .filter((name) => name !== 'constructor');
    sameSet(names(section(doc, '### The element')), declared, 'element methods');
  });

  it('lists every member of element.phone (PhoneApi)', () => {
    const body =
      /export interface PhoneApi \{([\s\S]*?)\n\}/.exec(phoneApi)?.[1] ?? assert.fail('no PhoneApi');
    const declared = [...body.matchAll(/^ {2}(?:readonly )?(\w+)\??[(:]/gm)].map((m) => m[1] ?? '');
    assert.ok(declared.includes('dial') && declared.includes('state'), declared.join());
    sameSet(names(section(doc, '### `element.phone`')), declared, 'element.phone');
  });
});
