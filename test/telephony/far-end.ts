import type { Wire } from './fake-transport.ts';
import { AUDIO_SDP } from './fake-media.ts';
import { buildRequest, cseqMethod, header, tagOf, uriOf, type SipMessage } from './sip-message.ts';
import { DOMAIN } from './harness.ts';

/**
 * A caller on the far side of the proxy: sends the INVITE, ACKs our 200 and sends in-dialog
 * requests (REFER) with the dialog's tags, Call-ID and CSeq, as RFC 3261 12.2 asks.
 */
export class FarEnd {
  private cseq = 1;
  private ourTo = '';
  private ourContact = '';
  readonly callId = `far-${Math.random().toString(36).slice(2, 10)}`;
  readonly from = `"Far End" <sip:3000@${DOMAIN}>;tag=far${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly wire: Wire,
    /** Where the proxy delivers to us: our registered Contact. */
    private readonly ourUri: string,
  ) {}

  invite(): void {
    const to = `<sip:1001@${DOMAIN}>`;
    this.wire.deliver(
      buildRequest(
        { method: 'INVITE', uri: this.ourUri, from: this.from, to, callId: this.callId, cseq: this.cseq },
        { headers: ['Contact: <sip:3000@127.0.0.1:5060;transport=ws>'], body: AUDIO_SDP },
      ),
    );
  }

  /** Waits for our 200 to the INVITE and ACKs it. */
  async ackAnswer(): Promise<SipMessage> {
    const ok = await this.wire.next(
      (m) => m.status === 200 && cseqMethod(m) === 'INVITE' && header(m, 'call-id') === this.callId,
    );
    this.ourTo = header(ok, 'to');
    this.ourContact = uriOf(header(ok, 'contact'));
    if (!tagOf(this.ourTo)) throw new Error('our 200 has no To tag');
    this.wire.deliver(this.inDialog('ACK', this.cseq));
    return ok;
  }

  /** Sends a REFER in the dialog; resolves with our final response to it. */
  async refer(referTo: string): Promise<SipMessage> {
    const cseq = ++this.cseq;
    this.wire.deliver(
      this.inDialog('REFER', cseq, [
        `Refer-To: <${referTo}>`,
        'Contact: <sip:3000@127.0.0.1:5060;transport=ws>',
      ]),
    );
    return this.wire.next(
      (m) =>
        m.status !== undefined &&
        m.status >= 200 &&
        cseqMethod(m) === 'REFER' &&
        header(m, 'cseq').startsWith(`${cseq} `),
    );
  }

  private inDialog(method: string, cseq: number, headers: string[] = []): string {
    return buildRequest(
      { method, uri: this.ourContact, from: this.from, to: this.ourTo, callId: this.callId, cseq },
      { headers },
    );
  }
}
