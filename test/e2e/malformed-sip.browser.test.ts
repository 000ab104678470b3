// The real <cti-softphone> against a scripted SIP-over-WebSocket peer (sip-peer-plugin.mjs): messages
// sip.js 0.21.2 mishandles are answered (400/416/505) or dropped before sip.js parses them, nothing
// reaches the page as an error or an unhandled rejection, nothing rings, and the socket survives:
// a valid INVITE afterwards rings the widget.
import '../../src/define.ts';
import { expect } from '@open-wc/testing';
import type { CtiSoftphone } from '../../src/element.ts';
import type { PhoneEvent } from '../../src/core/events.ts';
import type { Phone } from '../../src/phone.ts';
import { malformedCases, validInvite, type Target } from '../telephony/malformed-frames.ts';
import { header, headers, parseSip, tagOf, uriOf } from '../telephony/sip-message.ts';
import { nextFrame, sendFrame, startSipPeer, stopSipPeer } from './sip-peer.ts';
import { waitFor } from './wait.ts';

const DOMAIN = 'example.test';

describe('<cti-softphone> and malformed SIP from its server', () => {
  const pageErrors: string[] = [];
  const onError = (e: ErrorEvent) => pageErrors.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) =>
    pageErrors.push(`unhandledrejection: ${String(e.reason)}`);
  const reports: PhoneEvent[] = [];
  let el: CtiSoftphone;
  let phone: Phone;
  let target: Target;

  const popups = () => el.shadowRoot?.querySelectorAll('[part~="popup"]').length ?? 0;

  before(async () => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const url = await startSipPeer();
    el = document.createElement('cti-softphone');
    el.config = { server: url, aor: `sip:1001@${DOMAIN}`, password: 'unused', displayName: 'Agent 1001' };
    document.body.append(el);
    await el.updateComplete;
    phone = el.phone as Phone;
    phone.subscribe((_state, event) => {
      if (event.type === 'error') reports.push(event);
    });
    const register = await nextFrame({ method: 'REGISTER' });
    if (!register) throw new Error('the widget never sent a REGISTER');
    await waitFor(() => phone.state.registration.state === 'registered', { what: 'the widget registered' });
    const m = parseSip(register);
    target = { contact: uriOf(header(m, 'contact')), via: header(m, 'via'), domain: DOMAIN };
  });

  after(async () => {
    el.remove();
    await phone.stop();
    await stopSipPeer();
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  for (const c of malformedCases()) {
    it(`${c.name}: ${c.answer ? `answered ${c.answer}` : 'not answered'}, no page error, no popup`, async () => {
      const before = reports.length;
      const frame = c.frame(target);
      await sendFrame(frame);
      if (c.answer) {
        const raw = await nextFrame({ callId: c.callId });
        expect(raw, 'an answer').to.be.a('string');
        const reply = parseSip(raw ?? '');
        const sent = parseSip(frame);
        expect(reply.status).to.equal(c.answer);
        expect(headers(reply, 'via')).to.deep.equal(headers(sent, 'via'));
        expect(header(reply, 'cseq')).to.equal(header(sent, 'cseq'));
        expect(header(reply, 'call-id')).to.equal(c.callId);
        expect(tagOf(header(reply, 'to')), 'a To tag').to.be.a('string');
      }
      // Nothing (more) for this Call-ID: no 100 Trying, 180 or 480 from sip.js.
      expect(await nextFrame({ callId: c.callId }, 400)).to.equal(null);
      await waitFor(() => reports.length > before, { what: 'a sip-malformed error event' });
      const report = reports[before];
      expect(report?.type === 'error' && report.code).to.equal('sip-malformed');
      expect(pageErrors).to.deep.equal([]);
      expect(phone.state.calls).to.deep.equal([]);
      expect(popups()).to.equal(0);
      expect(phone.state.registration.state).to.equal('registered');
    });
  }

  it('still rings on a valid INVITE afterwards: the socket survived', async () => {
    const callId = `valid-${Date.now()}`;
    await sendFrame(validInvite(target, callId));
    const ringing = await nextFrame({ callId, status: 180 });
    expect(ringing, 'a 180 Ringing').to.be.a('string');
    const call = await waitFor(() => phone.state.calls.find((x) => x.state === 'ringing-in'), {
      what: 'a ringing call',
    });
    expect(call.callId).to.equal(callId);
    await el.updateComplete;
    expect(popups()).to.equal(1);
    expect(pageErrors).to.deep.equal([]);
  });
});
