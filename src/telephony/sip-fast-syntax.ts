/**
 * Shapes that sip.js's grammar certainly accepts, checked with one regex instead of a grammar run.
 * sip.js's generated parser rebuilds its constant tables on every `Grammar.parse` call (about
 * 0.25 ms each, measured), and the sanity check would otherwise pay that a dozen times per
 * INVITE on top of sip.js's own parsing. Each pattern is a strict subset of its grammar rule, held
 * to that by a property test; anything else still goes through the grammar.
 *
 * The grammar is a PEG: an alternative that matches a prefix wins and is never revisited, so
 * `INVITEX`, `;lrx` or `textual/plain` fail there although they look well formed. Methods, media
 * types and parameters are therefore allow-lists here, never open patterns.
 */
const token = "[A-Za-z0-9_.!%*+`'~-]+";
const methods =
  '(?:INVITE|ACK|OPTIONS|BYE|CANCEL|REGISTER|SUBSCRIBE|NOTIFY|REFER|INFO|MESSAGE|PRACK|UPDATE|PUBLISH)';
const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = `${octet}(?:\\.${octet}){3}`;
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const host = `(?:${ipv4}|(?:${label}\\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?)`;
const port = '(?::[1-9]\\d{0,4})?';
// Inside a URI: unreserved characters only (no escapes: sip.js decodes them and may throw).
const uriUser = "[A-Za-z0-9_.!~*'()+-]+";
// The parameters Kamailio and sip.js put in Record-Route and Contact URIs.
const uriParam = `;(?:lr(?:=on)?|ob|r2=(?:on|off)|transport=(?:wss?|udp|tcp|tls)|(?:ftag|did|alias)=${uriUser})`;
const sipUri = `sips?:(?:${uriUser}@)?${host}${port}(?:${uriParam})*`;
const display = '(?:"[A-Za-z0-9 _.()-]*" ?)?';
const word = '[A-Za-z0-9_.!%*+`\'~()<>:\\\\"/?{}-]+';

const exact = (source: string) => new RegExp(`^${source}$`);

export const FAST_SHAPES: Readonly<Record<string, RegExp>> = {
  Via: exact(
    `SIP/2\\.0/(?:WSS|WS|UDP|TCP|TLS) {1,4}${host}${port}(?:;branch=z9hG4bK${token}|;rport(?:=[1-9]\\d{0,4})?|;received=${ipv4})*`,
  ),
  From: exact(`${display}<${sipUri}>(?:;tag=${token})?`),
  To: exact(`${display}<${sipUri}>(?:;tag=${token})?`),
  Contact: exact(`${display}<${sipUri}>(?:;expires=\\d{1,9})?`),
  Record_Route: exact(`<${sipUri}>`),
  Call_ID: exact(`${word}(?:@${word})?`),
  CSeq: exact(`\\d{1,9} ${methods}`),
  Content_Length: exact('\\d{1,9}'),
  Max_Forwards: exact('\\d{1,3}'),
  Content_Type: exact('(?:application|text|message|multipart)/[a-z0-9.+-]{1,64}'),
  Request_Response: exact(`${methods} ${sipUri} SIP/2\\.0`),
  /** Grammar.URIParse */
  SIP_URI: exact(sipUri),
};

/** True when `value` has a shape the grammar rule certainly accepts (false: ask the grammar). */
export const certainlyParses = (value: string, rule: string): boolean =>
  FAST_SHAPES[rule]?.test(value) === true;
