import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Core } from 'sip.js';
import { saneTransport } from '../../src/telephony/sane-transport.ts';
import { Wire } from './fake-transport.ts';
import { buildRequest, header, tagOf } from './sip-message.ts';

const logger = new Core.LoggerFactory().getLogger('test');
const options = buildRequest({
  method: 'OPTIONS',
  uri: 'sip:1001@example.com',
  from: '<sip:3000@example.com>;tag=f',
  to: '<sip:1001@example.com>',
  callId: 'opt-1',
  cseq: 5,
});

async function guarded() {
  const wire = new Wire();
  const reports: string[] = [];
  const Sane = saneTransport(wire.transportConstructor, (m) => reports.push(m));
  const transport = new Sane(logger, {});
  await transport.connect();
  return { wire, reports, transport, fake: wire.transport };
}

describe('the sanity-checking transport', () => {
  it('hands a sane message to the handler the UserAgent installed, unchanged', async () => {
    const { transport, fake, reports } = await guarded();
    const got: string[] = [];
    transport.onMessage = (m) => got.push(m);
    assert.equal(typeof transport.onMessage, 'function');
    fake?.receive(options);
    assert.deepEqual(got, [options]);
    assert.deepEqual(reports, []);
    transport.onMessage = undefined;
    assert.equal(transport.onMessage, undefined);
    fake?.receive(options); // no handler: nothing happens, nothing throws
  });

  it('swallows and reports what the handler throws, with a bounded printable excerpt', async () => {
    const { transport, fake, reports } = await guarded();
    transport.onMessage = () => {
      throw new Error(`boom\r\nInjected: header ${'x'.repeat(500)}`);
    };
    assert.doesNotThrow(() => fake?.receive(options));
    assert.equal(reports.length, 1);
    assert.match(
      reports[0] ?? '',
      /^sip\.js failed on an incoming OPTIONS request: boom\?\?Injected: header x+…$/,
    );
    assert.ok((reports[0] ?? '').length < 200);
  });

  it('answers a malformed request itself and never calls the handler', async () => {
    const { wire, transport, fake, reports } = await guarded();
    let called = 0;
    transport.onMessage = () => called++;
    fake?.receive(options.replace('CSeq: 5 OPTIONS', 'CSeq: 5 OPTIONS\r\nCSeq: 6 OPTIONS'));
    const reply = await wire.next((m) => m.status !== undefined);
    assert.equal(reply.status, 400);
    assert.equal(header(reply, 'cseq'), '5 OPTIONS');
    assert.ok(tagOf(header(reply, 'to')));
    assert.equal(called, 0);
    assert.deepEqual(reports, ['Refused a malformed OPTIONS with 400: more than one CSeq header']);
  });

  it('ignores keep-alive CRLFs without a report', async () => {
    const { transport, fake, reports } = await guarded();
    let called = 0;
    transport.onMessage = () => called++;
    fake?.receive('\r\n\r\n');
    fake?.receive('\r\n');
    assert.equal(called, 0);
    assert.deepEqual(reports, []);
  });
});
