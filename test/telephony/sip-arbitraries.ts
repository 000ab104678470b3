// fast-check generators of SIP-ish frames: pure garbage, and well-formed messages with a few
// lines dropped, duplicated, emptied or replaced, or odd headers sip.js parses later added.
import fc from 'fast-check';
import type { Target } from './malformed-frames.ts';
import { validInvite } from './malformed-frames.ts';

const WORDS = ['sip:', 'tag', 'INVITE', '100rel', 'timer', 'replaces', 'to-tag=', 'early-only', '9999999999'];
/** Short values from characters and words the SIP grammar cares about. */
const sipish = fc.string({
  unit: fc.constantFrom(...'ab1 ;=<>:@,"\\/.-+*'.split(''), ...WORDS),
  maxLength: 12,
});
const anyValue = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  sipish,
  fc.string({ maxLength: 20 }),
);
const LATER = ['Replaces', 'Require', 'Supported', 'Session-Expires', 'Min-SE', 'Event', 'RSeq', 'RAck'];

type Mutation = readonly [line: number, op: 'drop' | 'dup' | 'garble' | 'empty' | 'insert', value: string];
const mutation: fc.Arbitrary<Mutation> = fc.tuple(
  fc.nat(20),
  fc.constantFrom('drop', 'dup', 'garble', 'empty', 'insert'),
  anyValue,
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  const split = text.indexOf('\r\n\r\n');
  const lines = text.slice(0, split).split('\r\n');
  for (const [i, op, value] of mutations) {
    const k = i % lines.length;
    const line = lines[k] ?? '';
    const name = line.split(':')[0] ?? '';
    if (op === 'drop' && k > 0) lines.splice(k, 1);
    else if (op === 'dup') lines.splice(k, 0, line);
    else if (op === 'garble') lines[k] = k === 0 ? line.replace(/\S+/, value) : `${name}: ${value}`;
    else if (op === 'empty' && k > 0) lines[k] = `${name}:`;
    else if (op === 'insert') lines.splice(k + 1, 0, `${LATER[value.length % LATER.length]}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${text.slice(split + 4)}`;
}

let serial = 0;
function response(t: Target): string {
  const id = `fuzz-${serial++}`;
  return [
    'SIP/2.0 200 OK',
    `Via: ${t.via}`,
    `From: <sip:1001@${t.domain}>;tag=${id}`,
    `To: <sip:1001@${t.domain}>;tag=x${id}`,
    `Call-ID: ${id}`,
    'CSeq: 1 INVITE',
    'Contact: <sip:3000@127.0.0.1>',
    'Content-Type: application/sdp',
    'Content-Length: 4',
    '',
    'v=0\n',
  ].join('\r\n');
}

/** Frames as the server might send them: anything from noise to one wrong header. */
export function sipFrames(t: Target): fc.Arbitrary<string> {
  const base = fc.constantFrom(
    () => validInvite(t, `fuzz-${serial++}`),
    () => response(t),
  );
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((s) => `INVITE sip:a@b SIP/2.0\r\n${s}\r\n\r\n`),
    fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([make, m]) => mutate(make(), m)),
  );
}
