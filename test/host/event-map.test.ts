// Compile-time checks of the DOM event typings a host's TypeScript sees (tsc runs in `npm test`):
// each listener below must type-check as written, and each @ts-expect-error line must fail to.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CtiSoftphone } from '../../src/element.ts';
import type { CtiEventName } from '../../src/host/event-map.ts';
import { phoneEventTypes } from '../../src/core/events.ts';

export function hostCode(el: CtiSoftphone): void {
  el.addEventListener('cti-offer', (e) => {
    const caller: string = e.detail.from.number;
    const callId: string = e.detail.callId;
    // @ts-expect-error an offer has no `reason`
    void e.detail.reason;
    void [caller, callId];
  });
  el.addEventListener('cti-disconnect', (e) => {
    const reason:
      | 'local-hangup'
      | 'remote-hangup'
      | 'cancelled'
      | 'rejected'
      | 'transferred'
      | 'transport-lost'
      | 'media-lost'
      | 'interrupted' = e.detail.reason;
    void reason;
  });
  el.addEventListener('cti-command-request', (e) => {
    if (e.detail.type === 'dial') void e.detail.target.trim();
    e.preventDefault();
  });
  el.addEventListener('cti-command-error', (e) => void e.detail.code);
  el.addEventListener('cti-config-error', (e) => void e.detail.issues.join());
  document.addEventListener('cti-registration', (e) => void e.detail.state);
  document.addEventListener('cti-request-dial', (e) => {
    const source: 'click' = e.detail.source;
    e.detail.number = `0${e.detail.number}`; // a host may rewrite the number
    // @ts-expect-error the source is the phone's to say
    e.detail.source = 'api';
    void source;
  });
}

describe('host event typings and docs', () => {
  it('the element documents one @event per DOM event it dispatches (the Custom Elements Manifest reads them)', () => {
    const source = readFileSync(new URL('../../src/element.ts', import.meta.url), 'utf8');
    const documented = [...source.matchAll(/^ \* @event (cti-[a-z-]+) - /gm)].map((m) => m[1]);
    const names: CtiEventName[] = [
      ...phoneEventTypes.map((t) => `cti-${t}` as const),
      'cti-command-request',
      'cti-command-error',
      'cti-config-error',
      'cti-status',
      'cti-request-dial',
    ];
    assert.deepEqual([...documented].sort(), [...names].sort());
  });
});
