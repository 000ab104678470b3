// The script-tag build as a CRM page uses it: `<script src=".../cti-softphone.js" data-*>` from
// another origin (test/e2e/embed-plugin.mjs builds and serves dist/embed), nothing of src/ on the
// page. The loader imports the module beside it, which mounts a <cti-softphone> that registers to
// the run's Kamailio with credentials from a global function; the journal's chunk loads lazily.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CtiSoftphone } from '../../src/element.ts';
import { kamailioInfo, passwordOf, waitForRegistrations } from './kamailio.ts';
import { waitFor } from './wait.ts';

const USER = '1004';
const CREDENTIALS_FN = 'ctiEmbedTestCredentials';

async function embedUrl(): Promise<string> {
  const info = (await executeServerCommand('embed-info')) as { url?: unknown } | undefined;
  if (typeof info?.url !== 'string')
    throw new Error('no embed-info: is embedPlugin() in web-test-runner.config.mjs?');
  return info.url;
}

/** Script URLs the page fetched from `origin`, as paths (the loader, the module, its chunks). */
const fetchedFrom = (origin: string): string[] =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === origin)
    .map((u) => u.pathname);

describe('the script-tag build (dist/embed)', () => {
  const globals = window as unknown as Record<string, unknown>;
  afterEach(async () => {
    document.querySelectorAll('cti-softphone, #embed-phone, script[data-aor]').forEach((n) => n.remove());
    Reflect.deleteProperty(globals, CREDENTIALS_FN);
    await waitForRegistrations([]);
  });

  it('mounts from its data-* attributes, registers, and loads the journal chunk', async () => {
    const [base, { wsUrl, domain }] = await Promise.all([embedUrl(), kamailioInfo()]);
    let asked = 0;
    globals[CREDENTIALS_FN] = async () => (asked++, { username: USER, password: passwordOf(USER) });
    const host = Object.assign(document.createElement('div'), { id: 'embed-phone' });
    document.body.append(host);
    const script = document.createElement('script');
    Object.assign(script.dataset, {
      server: wsUrl,
      aor: `sip:${USER}@${domain}`,
      credentials: CREDENTIALS_FN,
      mount: '#embed-phone',
    });
    script.src = `${base}cti-softphone.js`;
    document.head.append(script);

    const el = await waitFor(() => host.querySelector<CtiSoftphone>('cti-softphone'), {
      what: 'a <cti-softphone> mounted in #embed-phone',
    });
    await waitForRegistrations([USER]);
    expect(asked).to.be.greaterThan(0);
    expect(script.outerHTML).not.to.contain(passwordOf(USER));
    // The element is the build's: this page never loaded the widget's sources.
    expect(fetchedFrom(location.origin).filter((p) => p.startsWith('/src/'))).to.deep.equal([]);

    const status = await waitFor(
      async () => {
        const s = await el.getStatus();
        return s?.journal.state === 'ok' ? s : undefined;
      },
      { what: 'the journal open (getStatus().journal.state ok)' },
    );
    expect(status.registration.state).to.equal('registered');
    const paths = fetchedFrom(new URL(base).origin);
    expect(paths).to.include.members(['/cti-softphone.js', '/cti-softphone.mjs']);
    expect(paths.some((p) => /^\/chunks\/journal-chunk-[\w-]+\.js$/.test(p))).to.equal(
      true,
      paths.join(', '),
    );
  });
});
