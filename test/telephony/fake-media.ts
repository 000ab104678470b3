import type { SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import type { WakeSource } from '../../src/telephony/environment.ts';

/** A fixed audio offer/answer: enough SDP for sip.js's offer/answer logic in Node. */
export const AUDIO_SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  '',
].join('\r\n');

class FixedSdpHandler implements SessionDescriptionHandler {
  close(): void {}
  getDescription(): Promise<{ body: string; contentType: string }> {
    return Promise.resolve({ body: AUDIO_SDP, contentType: 'application/sdp' });
  }
  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }
  setDescription(): Promise<void> {
    return Promise.resolve();
  }
  sendDtmf(): boolean {
    return false;
  }
}

export const fixedSdpFactory: SessionDescriptionHandlerFactory = () => new FixedSdpHandler();

/** Wake-ups the test fires by hand; counts its live subscriptions so a test can see them undone. */
export class ManualWake implements WakeSource {
  private readonly online = new Set<() => void>();
  private readonly visible = new Set<() => void>();
  get subscriptions(): number {
    return this.online.size + this.visible.size;
  }
  onOnline(cb: () => void): () => void {
    this.online.add(cb);
    return () => this.online.delete(cb);
  }
  onVisible(cb: () => void): () => void {
    this.visible.add(cb);
    return () => this.visible.delete(cb);
  }
  goOnline(): void {
    for (const cb of this.online) cb();
  }
}
