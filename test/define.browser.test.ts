import { expect } from '@open-wc/testing';
import { defineSoftphone } from '../src/define.ts';
import { CtiSoftphone } from '../src/element.ts';
import { VERSION } from '../src/version.ts';

/** Captures console.warn while `f` runs. */
function warnings(f: () => void): string[] {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    f();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('defineSoftphone()', () => {
  it('registers once; a second copy of the same version is silent', () => {
    expect(customElements.get('cti-softphone')).to.not.equal(undefined);
    expect(warnings(() => defineSoftphone())).to.deep.equal([]);
    expect(warnings(() => defineSoftphone('cti-softphone-twice'))).to.deep.equal([]);
    expect(warnings(() => defineSoftphone('cti-softphone-twice'))).to.deep.equal([]);
  });

  it('keeps the first definition and names both versions when another version got there first', () => {
    customElements.define(
      'cti-softphone-old',
      class extends CtiSoftphone {
        static override readonly version = '0.0.9';
      },
    );
    const seen = warnings(() => defineSoftphone('cti-softphone-old'));
    expect(seen.length).to.equal(1);
    expect(seen[0]).to.contain('0.0.9').and.to.contain(VERSION).and.to.contain('<cti-softphone-old>');
    expect((customElements.get('cti-softphone-old') as typeof CtiSoftphone | undefined)?.version).to.equal(
      '0.0.9',
    );
  });

  it('warns on an unrelated element already holding the name, without throwing', () => {
    customElements.define('cti-softphone-taken', class extends HTMLElement {});
    const seen = warnings(() => defineSoftphone('cti-softphone-taken'));
    expect(seen.length).to.equal(1);
    expect(seen[0]).to.contain('version unknown');
  });
});
