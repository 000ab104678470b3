import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSipMessage, serializeSipMessage } from '../../src/sandbox/sip-message.ts';
import {
  addressUri,
  dropTopValue,
  headerParam,
  headerValues,
  splitList,
} from '../../src/sandbox/sip-headers.ts';
import { parseSipUri } from '../../src/sandbox/sip-uri.ts';

const BASE = [
  'v: SIP/2.0/WSS a.invalid;branch=z9hG4bK1',
  'f: <sip:1@x>;tag=1',
  't: <sip:2@x>',
  'i: c1',
  'CSeq: 7 INFO',
];
const frame = (start: string, headers: string[], body = ''): string =>
  `${start}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;

describe('parseSipMessage', () => {
  it('reads compact names, folded lines and keeps header names as sent', () => {
    const parsed = parseSipMessage(
      frame('INFO sip:2@x SIP/2.0', [...BASE, 'X-Data: one,', '  two', 'Content-Length: 3'], 'abcdef'),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.value.kind, 'request');
    assert.equal(parsed.value.body, 'abc', 'body cut to Content-Length');
    assert.deepEqual(parsed.value.headers.at(-2), { name: 'X-Data', value: 'one, two' });
    assert.deepEqual(headerValues(parsed.value.headers, 'via'), ['SIP/2.0/WSS a.invalid;branch=z9hG4bK1']);
  });

  it('counts Content-Length in UTF-8 bytes and rewrites it on output', () => {
    const parsed = parseSipMessage(frame('SIP/2.0 200 OK', [...BASE, 'Content-Length: 3'], 'é!'));
    assert.ok(parsed.ok);
    assert.match(serializeSipMessage(parsed.value), /\r\nContent-Length: 3\r\n\r\né!$/);
  });

  for (const [label, text] of [
    ['no blank line', 'INFO sip:2@x SIP/2.0\r\nVia: x'],
    [
      'missing Call-ID',
      frame(
        'INFO sip:2@x SIP/2.0',
        BASE.filter((h) => !h.startsWith('i:')),
      ),
    ],
    ['CSeq method mismatch', frame('BYE sip:2@x SIP/2.0', BASE)],
    ['short body', frame('INFO sip:2@x SIP/2.0', [...BASE, 'Content-Length: 10'], 'abc')],
    ['bad start line', frame('HELLO', BASE)],
    ['header without colon', frame('INFO sip:2@x SIP/2.0', [...BASE, 'garbage'])],
    ['NUL in a value', frame('INFO sip:2@x SIP/2.0', [...BASE, 'X-A: a\u0000b'])],
    ['non-numeric Max-Forwards', frame('INFO sip:2@x SIP/2.0', [...BASE, 'Max-Forwards: lots'])],
  ] as const) {
    it(`rejects ${label}`, () => assert.equal(parseSipMessage(text).ok, false));
  }
});

describe('header helpers', () => {
  it('splits lists outside quotes and brackets, and drops only the top value', () => {
    assert.deepEqual(splitList('"a, b" <sip:x;p=1,2>, <sip:y>'), ['"a, b" <sip:x;p=1,2>', '<sip:y>']);
    const headers = [{ name: 'Via', value: 'SIP/2.0/WS p:1;branch=z1, SIP/2.0/WSS a.invalid;branch=z2' }];
    assert.deepEqual(dropTopValue(headers, 'via'), [
      { name: 'Via', value: 'SIP/2.0/WSS a.invalid;branch=z2' },
    ]);
  });

  it('reads addresses and parameters', () => {
    assert.equal(addressUri('"A;b" <sip:1@x;transport=ws>;tag=9'), 'sip:1@x;transport=ws');
    assert.equal(headerParam('"A;b" <sip:1@x;transport=ws>;tag=9', 'tag'), '9');
    assert.equal(headerParam('<sip:1@x;lr>', 'lr'), undefined, 'URI params are not header params');
    assert.equal(headerParam('SIP/2.0/WS h;branch=z9;rport', 'rport'), null);
  });

  it('parses SIP URIs and refuses other schemes', () => {
    const uri = parseSipUri('sip:1001:pw@LocalHost:5066;transport=ws;lr');
    assert.ok(uri.ok);
    assert.equal(uri.value.user, '1001');
    assert.equal(uri.value.host, 'localhost');
    assert.equal(uri.value.port, 5066);
    assert.equal(uri.value.params.get('lr'), null);
    assert.equal(parseSipUri('tel:+15551234').ok, false);
  });
});
