// A real PhoneCore whose events the tests publish as telephony would: for the host-side adapters.
import type { CallControl } from '../../src/core/call-control.ts';
import type { EventDraft } from '../../src/core/events.ts';
import { PhoneCore } from '../../src/core/phone-core.ts';
import { createStamper } from '../../src/core/stamper.ts';

export function corePort() {
  const core = new PhoneCore({
    stamper: createStamper({ now: () => Date.now(), uuid: () => crypto.randomUUID(), firstSeq: 0 }),
    control: {} as CallControl, // these tests send no commands
  });
  return {
    core,
    port: {
      subscribe: core.subscribe.bind(core),
      publish: (d: EventDraft) => core.publish(d),
      get state() {
        return core.state;
      },
    },
  };
}

export const inboundOffer = (
  callId: string,
  extra: Partial<EventDraft & { type: 'offer' }> = {},
): EventDraft => ({
  type: 'offer',
  callId,
  from: { number: '2000', displayName: 'Ann' },
  to: { number: '1001' },
  ...extra,
});
