import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z as zm } from 'zod/mini';
import { z } from 'zod';
import {
  headerCodecOptionsSchema,
  readCallDataHeaders,
  resolveCodecOptions,
  type HeaderProblem,
} from '../../src/calldata/index.ts';
import { headersOf } from './header-fixtures.ts';

const codes = (problems: readonly HeaderProblem[]) => problems.map((p) => `${p.header}:${p.code}`);

describe('readCallDataHeaders: options', () => {
  it('has zod/mini defaults, so the phone config can embed the schema', () => {
    const d = headerCodecOptionsSchema.parse({});
    assert.deepEqual(
      { ...d },
      {
        jsonHeader: 'X-Call-Data',
        plainHeaders: [],
        maxHeaderBytes: 8192,
        maxTotalBytes: 16384,
        maxDepth: 8,
        maxEntries: 200,
        uui: true,
      },
    );
    const embedding = zm.object({ calldata: zm.prefault(headerCodecOptionsSchema, {}) });
    assert.equal(embedding.parse({}).calldata.jsonHeader, 'X-Call-Data');
  });

  it('refuses bad options with one line per field', () => {
    for (const bad of [
      { jsonHeader: 'X Call' },
      { plainHeaders: ['Account'] },
      { plainHeaders: ['X-'] },
      { plainHeaders: ['X-__proto__'] },
      { plainHeaders: ['x-call-data'] },
      { maxHeaderBytes: 10 },
      { maxDepth: 50 },
      { dataSchema: { parse: () => 1 } },
    ]) {
      const r = resolveCodecOptions(bad as never);
      assert.equal(r.ok, false, JSON.stringify(bad));
    }
  });

  it('reads with the defaults when the options are bad, and says so', () => {
    const r = readCallDataHeaders(headersOf(['X-Call-Data', '{"a":1}']), { maxDepth: -1 });
    assert.deepEqual(r.data, { a: 1 });
    assert.deepEqual(codes(r.problems), ['X-Call-Data:invalid-data']);
  });

  it('reads a configured JSON header and plain X-* headers (a plain header wins over a JSON key)', () => {
    const r = readCallDataHeaders(
      headersOf(
        ['X-Crm', '{"account-id":"from-json","case":"9"}'],
        ['x-account-ID', ' 42 '],
        ['X-Queue', 'Sales\r\n  EMEA'],
        ['X-Call-Data', '{"ignored":true}'],
      ),
      { jsonHeader: 'x-crm', plainHeaders: ['X-Account-Id', 'X-Queue', 'x-queue', 'X-Missing'] },
    );
    // A folded line (CRLF + indent, RFC 3261 §7.3.1) reads as one space.
    assert.deepEqual(r.data, { 'account-id': '42', case: '9', queue: 'Sales EMEA' });
    assert.deepEqual(r.problems, []);
  });

  it('applies a host dataSchema (mini or classic): failing data dropped, passing data is the output', () => {
    const headers = headersOf(['X-Call-Data', '{"caseId":"123","extra":1}']);
    const mini = zm.object({ caseId: zm.string() }); // strips `extra`
    assert.deepEqual(readCallDataHeaders(headers, { dataSchema: mini }).data, { caseId: '123' });
    const classic = z.object({ caseId: z.string().transform((s) => Number(s)) });
    assert.deepEqual(readCallDataHeaders(headers, { dataSchema: classic }).data, { caseId: 123 });
    const failing = readCallDataHeaders(headers, { dataSchema: z.object({ caseId: z.number() }) });
    assert.deepEqual(failing.data, {});
    assert.deepEqual(codes(failing.problems), ['X-Call-Data:invalid-data']);
  });

  it('re-bounds what a schema outputs: a Date, a cycle or a throwing schema are dropped', () => {
    const headers = headersOf(['X-Call-Data', '{"a":1}']);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const outputs = [{ at: new Date() }, cyclic, { n: Number.NaN }, 'not an object'];
    for (const data of outputs) {
      const r = readCallDataHeaders(headers, { dataSchema: { safeParse: () => ({ success: true, data }) } });
      assert.deepEqual(r.data, {});
      assert.deepEqual(codes(r.problems), ['X-Call-Data:invalid-data']);
    }
    const throwing = {
      safeParse: () => {
        throw new Error('boom');
      },
    };
    assert.deepEqual(codes(readCallDataHeaders(headers, { dataSchema: throwing }).problems), [
      'X-Call-Data:invalid-data',
    ]);
  });
});
