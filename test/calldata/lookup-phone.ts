// A real PhoneCore with the lookups adapter attached: the tests publish drafts and read events.
import { connectLookups, type LookupsConfig } from '../../src/calldata/lookups.ts';
import type { CallControl } from '../../src/core/call-control.ts';
import type { EventDraft, PhoneEvent } from '../../src/core/events.ts';
import { PhoneCore } from '../../src/core/phone-core.ts';
import { createStamper } from '../../src/core/stamper.ts';

const noControl = {} as CallControl; // these tests send no commands

export function phoneWith(config: LookupsConfig) {
  const core = new PhoneCore({
    stamper: createStamper({ now: () => Date.now(), uuid: () => crypto.randomUUID(), firstSeq: 0 }),
    control: noControl,
  });
  const events: PhoneEvent[] = [];
  core.subscribe((_s, e) => events.push(e));
  const dispose = connectLookups(
    {
      subscribe: (l) => core.subscribe(l),
      publish: (d) => core.publish(d),
      get state() {
        return core.state;
      },
    },
    config,
  );
  /** Resolves with the first event matching, already seen or still to come. */
  const next = (match: (e: PhoneEvent) => boolean) =>
    new Promise<PhoneEvent>((resolve) => {
      const seen = events.find(match);
      if (seen) return resolve(seen);
      const off = core.subscribe((_s, e) => {
        if (match(e)) {
          off();
          resolve(e);
        }
      });
    });
  return { core, events, dispose, next };
}

export const offer = (extra: Partial<EventDraft & { type: 'offer' }> = {}): EventDraft => ({
  type: 'offer',
  callId: 'c1',
  from: { number: '2000', displayName: 'Ann' },
  to: { number: '1001' },
  dnis: '5551234560',
  ani: '2000',
  sources: ['headers', 'cache', 'crm'],
  ...extra,
});
export const answerOf = (source: string) => (e: PhoneEvent) => e.type === 'calldata' && e.source === source;
