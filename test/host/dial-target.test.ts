import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDialString } from '../../src/core/dial-string.ts';
import {
  dialTarget,
  dialTargetErrorCodes,
  MAX_TARGET_INPUT,
  type NormaliseOptions,
} from '../../src/host/dial-target.ts';

const DE: NormaliseOptions = { defaultCountry: 'DE', maxExtensionDigits: 6 };
const NONE: NormaliseOptions = { maxExtensionDigits: 6 };

const dialled = (input: unknown, o = DE) => {
  const r = dialTarget(input, o);
  return r.ok ? r.value : `error:${r.error.code}`;
};

describe('dialTarget: tel:, sip:, sips:, callto: and data-cti-dial values → a dial string', () => {
  const table: [input: string, options: NormaliseOptions, expected: string][] = [
    // tel: (RFC 3966), global numbers with visual separators, raw or percent-encoded as hrefs are
    ['tel:+49 30 1234567', NONE, '+49301234567'],
    ['tel:+49%2030%201234567', NONE, '+49301234567'],
    ['tel:+49-30-123.45(67)', NONE, '+49301234567'],
    ['TEL:+1-201-555-0123;ext=1234', NONE, '+12015550123'], // the extension is not dialled
    // local numbers: a global context is the prefix; a domain context is ignored (default country)
    ['tel:030-123;phone-context=+49', NONE, '+4930123'],
    ['tel:1234567;phone-context=+49-30', NONE, '+49301234567'],
    ['tel:030-1234567;phone-context=pbx.example.com', DE, '+49301234567'],
    ['tel:030-1234567;phone-context=pbx.example.com', NONE, '0301234567'],
    // national numbers: E.164 with a default country, as written without one (the PBX's plan)
    ['030 1234567', DE, '+49301234567'],
    ['(030) 123 45 67', DE, '+49301234567'],
    ['0049 30 1234567', DE, '+49301234567'],
    ['0301234567', NONE, '0301234567'],
    ['0301234567', { defaultCountry: 'XX', maxExtensionDigits: 6 }, '0301234567'], // unsupported: none
    // extensions and feature codes stay as they are, never given a country code
    ['tel:1002', DE, '1002'],
    ['1002', DE, '1002'],
    ['*97', DE, '*97'],
    ['tel:*97#', DE, '*97#'],
    ['112', DE, '112'],
    // SIP addresses as written
    ['sip:1002@pbx', DE, 'sip:1002@pbx'],
    ['sips:1002@pbx.example.com;transport=wss', DE, 'sips:1002@pbx.example.com;transport=wss'],
    ['SIP:alice@example.com', DE, 'SIP:alice@example.com'],
    ['1002@pbx', DE, 'sip:1002@pbx'],
    // callto: (Skype-style, with or without //)
    ['callto:+4930123456', DE, '+4930123456'],
    ['callto://+49 30 123456', DE, '+4930123456'],
    ['callto:030 123456', DE, '+4930123456'],
    ['  tel:1002  ', DE, '1002'],
  ];
  for (const [input, options, expected] of table)
    it(`${JSON.stringify(input)} (${options.defaultCountry ?? 'no country'}) → ${expected}`, () => {
      assert.equal(dialled(input, options), expected);
    });

  const refused: [input: unknown, code: (typeof dialTargetErrorCodes)[number]][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['tel:', 'empty'],
    ['tel:--', 'empty'],
    ['garbage', 'invalid-number'],
    ['callto:skype.name', 'invalid-number'],
    ['tel:+999 1', 'invalid-number'], // no country has it
    ['+49 1', 'invalid-number'],
    ['tel:+49*97', 'invalid-number'],
    ['tel:1-800-FLOWERS', 'invalid-number'],
    ['tel:%E0%A4%A', 'malformed'],
    ['tel:1002\u0000', 'malformed'],
    ['tel:%00', 'malformed'],
    ['tel:1002?body=x', 'malformed'],
    ['tel:1002;phone-context=+49x', 'malformed'],
    ['sip:1002@pbx?Replaces=abc', 'malformed'],
    ['sip:1002', 'malformed'],
    ['sip:a b@pbx', 'malformed'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['https://crm.example/contact/1', 'unsupported-scheme'],
    ['1'.repeat(MAX_TARGET_INPUT + 1), 'too-long'],
    [`tel:+49${'1'.repeat(40)}`, 'invalid-number'],
    [undefined, 'malformed'],
    [{ toString: () => 'tel:1002' }, 'malformed'],
  ];
  for (const [input, code] of refused)
    it(`refuses ${JSON.stringify(String(input).slice(0, 40))} as ${code}`, () => {
      const r = dialTarget(input, DE);
      assert.equal(r.ok ? r.value : r.error.code, code);
      if (!r.ok) assert.ok(r.error.message.length > 0 && r.error.message.length < 80, r.error.message);
    });

  it('gives the same answer for the same input every time (libphonenumber-js keeps no state here)', () => {
    for (const input of [
      'tel:1234567;phone-context=+4930',
      'tel:030-1;phone-context=example.com',
      '+4930123',
    ]) {
      const first = dialled(input);
      for (let i = 0; i < 5; i++) assert.equal(dialled(input), first, input);
    }
  });
});

const schemes = ['tel:', 'sip:', 'sips:', 'callto:', 'callto://', 'TEL:', ''];
const hostile = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.stringMatching(/^[+0-9 ()\-.;=*#%a-z@?]{0,60}$/),
  fc.string({ minLength: MAX_TARGET_INPUT - 8, maxLength: MAX_TARGET_INPUT + 8 }),
);

describe('dialTarget over arbitrary input', () => {
  it('never throws, answers a known error code or a dial string the phone accepts, the same each time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...schemes),
        hostile,
        fc.option(fc.constantFrom('DE', 'US', 'GB', 'XX', 'de'), { nil: undefined }),
        fc.integer({ min: 0, max: 15 }),
        (scheme, rest, defaultCountry, maxExtensionDigits) => {
          const options = { defaultCountry, maxExtensionDigits };
          const r = dialTarget(scheme + rest, options);
          if (r.ok) assert.ok(parseDialString(r.value), `not dialable: ${JSON.stringify(r.value)}`);
          else assert.ok(dialTargetErrorCodes.includes(r.error.code));
          assert.deepEqual(dialTarget(scheme + rest, options), r);
        },
      ),
      { numRuns: 2000, seed: 0x9c7 },
    );
  });

  it('answers a global number in E.164 or not at all', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[0-9 -]{1,20}$/), (input) => {
        const r = dialTarget(`tel:${input}`, DE);
        if (r.ok) assert.match(r.value, /^\+[1-9][0-9]{1,14}$/);
      }),
      { numRuns: 1000, seed: 0x9c8 },
    );
  });
});
