// data-config-url: the script tag's central config (one JSON for every agent, served from another
// origin with CORS) is fetched, checked with zod and merged under the tag's own attributes; a bad
// one is a cti-config-error naming the problem, on the console and in the card, never a throw.
import { expect } from '@open-wc/testing';
import { cleanupE2e, kamailioInfo, waitFor, waitForRegistrations, withTimeout } from './helpers.ts';
import {
  chunksFetched,
  CREDENTIALS_FN,
  embedUrl,
  floatingCard,
  mountedPhone,
  plainPage,
  removePages,
  scriptTag,
  serveConfig,
  type PlainPage,
} from './embed-frame.ts';

const USER = '1006';

async function pageWithConfig(configUrl: string): Promise<PlainPage> {
  const [base, { domain }] = await Promise.all([embedUrl(), kamailioInfo()]);
  const tag = scriptTag(`${base}cti-softphone.js`, {
    aor: `sip:${USER}@${domain}`,
    credentials: CREDENTIALS_FN,
    configUrl,
  });
  return plainPage(USER, tag);
}

const ready = (page: PlainPage) =>
  withTimeout(
    waitFor(() => page.window.CtiSoftphone, { what: 'window.CtiSoftphone' }).then((g) => g.ready),
    10_000,
    'window.CtiSoftphone.ready',
  );

describe('the script tag with data-config-url', () => {
  afterEach(async () => {
    await removePages();
    await cleanupE2e();
  });

  it('fetches the central config, with the tag’s own fields winning, and registers', async () => {
    const { wsUrl, domain } = await kamailioInfo();
    const url = await serveConfig(
      'team.json',
      JSON.stringify({
        server: wsUrl,
        aor: `sip:1009@${domain}`, // the tag's data-aor wins
        displayName: 'Support team',
        registerExpiresS: 300,
        journal: { enabled: false },
      }),
    );
    const page = await pageWithConfig(url);
    const el = await ready(page);
    expect(el).to.equal(await mountedPhone(page));
    await waitForRegistrations([USER]);
    expect(el?.config).to.include({
      server: wsUrl,
      aor: `sip:${USER}@${domain}`,
      displayName: 'Support team',
    });
    expect(el?.config?.credentials).to.be.a('function');
    expect(chunksFetched(page)).to.include('embed-config');
    expect(page.log.credentialCalls).to.be.greaterThan(0);
    expect(page.log.configErrors).to.deep.equal([]);
    expect(page.log.uncaught).to.deep.equal([]);
  });

  const bad: readonly { what: string; body: string; status?: number; issue: RegExp }[] = [
    {
      what: 'a password in the JSON',
      body: JSON.stringify({ server: 'ws://127.0.0.1:9/', password: 'pw1006' }),
      issue: /no secrets here: use data-credentials/,
    },
    {
      what: 'a field of the wrong kind',
      body: JSON.stringify({ server: 'https://pbx' }),
      issue: /^server: .*ws:\/\//,
    },
    { what: 'not an object', body: '["ws://127.0.0.1:9/"]', issue: /: not an object$/ },
    { what: 'not JSON', body: '<html>login</html>', issue: /^data-config-url \S+: .*JSON/ },
    { what: 'an HTTP error', body: '{}', status: 404, issue: /^data-config-url \S+: HTTP 404$/ },
  ];
  for (const [i, { what, body, status, issue }] of bad.entries())
    it(`reports ${what} as cti-config-error, mounts no phone and throws nothing`, async () => {
      const page = await pageWithConfig(await serveConfig(`bad-${i}.json`, body, status));
      expect(await ready(page)).to.equal(undefined);
      expect(page.log.configErrors.length).to.equal(1);
      const [error] = page.log.configErrors;
      expect(error?.code).to.equal('invalid-config');
      expect(
        error?.issues.some((line) => issue.test(line)),
        JSON.stringify(error),
      ).to.equal(true);
      expect(JSON.stringify(error)).not.to.contain('pw1006'); // a secret is never echoed
      expect(page.log.consoleErrors.some((m) => m.startsWith('cti-softphone: invalid config:'))).to.equal(
        true,
      );
      const card = await floatingCard(page);
      expect(card.shadowRoot?.querySelector('[part="error"]')?.textContent).to.contain(
        'configuration is invalid',
      );
      expect(page.document.querySelector('cti-softphone')).to.equal(null);
      expect(page.log.uncaught).to.deep.equal([]);
      await waitForRegistrations([]);
    });
});
