import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  deriveDnisAni,
  type DnisAni,
  type DnisAniInput,
  type DnisAniOptions,
} from '../../src/calldata/index.ts';
import { headersOf } from './header-fixtures.ts';

interface Row {
  readonly name: string;
  readonly input: Partial<DnisAniInput> & { rows?: (readonly [string, string])[] };
  readonly options?: DnisAniOptions;
  readonly want: DnisAni;
}

const table: Row[] = [
  {
    name: 'Request-URI and From',
    input: { requestUriUser: '5551234568', fromUser: '1234567890' },
    want: { dnis: '5551234568', ani: '1234567890' },
  },
  {
    name: 'To when there is no Request-URI user',
    input: { toUser: '5551234568' },
    want: { dnis: '5551234568' },
  },
  {
    name: 'Request-URI wins over To',
    input: { requestUriUser: '111', toUser: '222' },
    want: { dnis: '111' },
  },
  {
    name: 'visual separators dropped',
    input: { requestUriUser: '(555) 123-4568', fromUser: '+1.234.567 890' },
    want: { dnis: '5551234568', ani: '+1234567890' },
  },
  {
    name: 'E.164 plus dropped from the DNIS only',
    input: { requestUriUser: '+15551234568', fromUser: '+15550001' },
    want: { dnis: '15551234568', ani: '+15550001' },
  },
  {
    name: 'percent escapes and user params',
    input: { requestUriUser: '%2B1555;phone-context=x', fromUser: '%2A67%23' },
    want: { dnis: '1555', ani: '*67#' },
  },
  { name: 'anonymous caller', input: { fromUser: 'Anonymous' }, want: { ani: 'anonymous' } },
  { name: 'anonymous is no DNIS', input: { requestUriUser: 'anonymous' }, want: {} },
  {
    name: 'alphanumeric users are no numbers',
    input: { requestUriUser: 'alice', fromUser: 'bob' },
    want: {},
  },
  {
    name: 'unusable Request-URI falls back to To',
    input: { requestUriUser: 'queue-sales', toUser: '5551234' },
    want: { dnis: '5551234' },
  },
  { name: 'too long', input: { requestUriUser: '1'.repeat(21), fromUser: '1'.repeat(33) }, want: {} },
  {
    name: 'longest accepted',
    input: { requestUriUser: '1'.repeat(20), fromUser: '+' + '1'.repeat(32) },
    want: { dnis: '1'.repeat(20), ani: '+' + '1'.repeat(32) },
  },
  { name: 'broken escape', input: { requestUriUser: '%E0%A4%A', fromUser: '12%' }, want: {} },
  {
    name: 'injection attempts',
    input: { requestUriUser: '555\r\n123', fromUser: '1:2', toUser: '1\u0000' },
    want: {},
  },
  {
    name: 'P-Asserted-Identity over From (tel URI taken when the sip one is not a number)',
    input: {
      fromUser: '999',
      rows: [['P-Asserted-Identity', '"Alice, Inc" <sip:alice@example.com>, <tel:+1-555-0100;cpc=x>']],
    },
    want: { ani: '+15550100' },
  },
  {
    name: 'P-Asserted-Identity addr-spec form, odd case',
    input: { fromUser: '999', rows: [['p-asserted-identity', 'sip:+15550101@example.com;user=phone']] },
    want: { ani: '+15550101' },
  },
  {
    name: 'unusable PAI falls back to From',
    input: { fromUser: '999', rows: [['P-Asserted-Identity', '<sip:alice@x>']] },
    want: { ani: '999' },
  },
  {
    name: 'Diversion: the last entry is the originally called number',
    input: {
      requestUriUser: '2001',
      rows: [['Diversion', '<sip:3001@pbx>;reason=user-busy, <sip:5551234568@pbx>;reason=unconditional']],
    },
    options: { dnisHeader: 'Diversion' },
    want: { dnis: '5551234568' },
  },
  {
    name: 'Diversion over several rows, first entry on request',
    input: {
      requestUriUser: '2001',
      rows: [
        ['Diversion', '<sip:3001@pbx>'],
        ['Diversion', '<sip:4001@pbx>'],
      ],
    },
    options: { dnisHeader: 'diversion', dnisEntry: 'first' },
    want: { dnis: '3001' },
  },
  {
    name: 'P-Called-Party-ID with a display name holding <',
    input: { requestUriUser: '2001', rows: [['P-Called-Party-ID', '"a<b" <sip:+1 555 0199@h;user=phone>']] },
    options: { dnisHeader: 'P-Called-Party-ID' },
    want: { dnis: '15550199' },
  },
  {
    name: 'configured header absent: Request-URI',
    input: { requestUriUser: '2001' },
    options: { dnisHeader: 'Diversion' },
    want: { dnis: '2001' },
  },
  {
    name: 'configured header malformed: Request-URI',
    input: {
      requestUriUser: '2001',
      rows: [
        ['Diversion', '<sip:5551@pbx'],
        ['Diversion', 'mailto:x@y'],
        ['Diversion', '<sip:pbx>'],
      ],
    },
    options: { dnisHeader: 'Diversion' },
    want: { dnis: '2001' },
  },
  {
    name: 'password in the userinfo is not the user',
    input: { rows: [['P-Asserted-Identity', '<sip:123:secret@h>']] },
    want: { ani: '123' },
  },
];

describe('deriveDnisAni', () => {
  for (const row of table) {
    it(row.name, () => {
      const { rows = [], ...users } = row.input;
      assert.deepEqual(deriveDnisAni({ ...users, headers: headersOf(...rows) }, row.options), row.want);
    });
  }

  it('property: never throws, and anything returned is what the cache service accepts', () => {
    const s = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.stringMatching(/^[+()\-. 0-9*#%;a-z]{0,40}$/),
    );
    const entry = fc.oneof(
      s,
      s.map((u) => `<sip:${u}@h>`),
      s.map((u) => `"${u}" <tel:${u}>`),
    );
    fc.assert(
      fc.property(
        s,
        s,
        s,
        fc.array(fc.tuple(fc.constantFrom('P-Asserted-Identity', 'Diversion'), entry), { maxLength: 4 }),
        (a, b, c, rows) => {
          const r = deriveDnisAni(
            { requestUriUser: a, toUser: b, fromUser: c, headers: headersOf(...rows) },
            { dnisHeader: 'Diversion' },
          );
          if (r.dnis !== undefined) assert.match(r.dnis, /^[0-9]{1,20}$/);
          if (r.ani !== undefined) assert.match(r.ani, /^(?:\+?[0-9*#]{1,32}|anonymous)$/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('survives a throwing HeaderSource and non-string users', () => {
    const headers = {
      get: () => {
        throw new Error('x');
      },
    };
    assert.deepEqual(deriveDnisAni({ requestUriUser: 42 as never, fromUser: '12', headers }), { ani: '12' });
  });
});
