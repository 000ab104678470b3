// Smoke test of the browser test bed itself: a Lit fixture renders, and the Chromium flags give a fake
// microphone (no permission prompt) and loopback ICE candidates (needed for audio between two peers).
import { expect, fixture, html } from '@open-wc/testing';

describe('browser test bed', () => {
  it('renders a fixture', async () => {
    const el = await fixture<HTMLParagraphElement>(html`<p>hello</p>`);
    expect(el.textContent).to.equal('hello');
  });

  it('has a fake microphone', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    try {
      expect(stream.getAudioTracks()).to.have.length(1);
    } finally {
      stream.getTracks().forEach((track) => track.stop());
    }
  });

  it('gathers a loopback ICE candidate with no ICE servers', async () => {
    const pc = new RTCPeerConnection({ iceServers: [] });
    try {
      pc.addTransceiver('audio');
      const candidates: string[] = [];
      const done = new Promise<void>((resolve) => {
        pc.onicecandidate = (event) =>
          event.candidate ? candidates.push(event.candidate.candidate) : resolve();
      });
      await pc.setLocalDescription(await pc.createOffer());
      await done;
      expect(candidates.some((c) => c.includes('127.0.0.1'))).to.equal(true, candidates.join('\n'));
    } finally {
      pc.close();
    }
  });
});
