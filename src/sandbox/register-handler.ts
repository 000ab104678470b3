/**
 * REGISTER handling (RFC 3261 §10.3): optional digest check, add/refresh/remove
 * bindings, answer 200 with every live Contact of the AOR and its `expires`.
 */
import { addressUri, headerParam, headerValue, headerValues } from './sip-headers.ts';
import type { SipHeader, SipRequest, SipResponse } from './sip-message.ts';
import { replyTo } from './sip-replies.ts';
import { parseSipUri } from './sip-uri.ts';
import { DEFAULT_EXPIRES_S, MIN_EXPIRES_S } from './registrar.ts';
import type { Registrar } from './registrar.ts';
import type { DigestAuthenticator } from './sip-digest.ts';

export interface RegisterContext {
  readonly registrar: Registrar;
  /** Known users; undefined = any user may register. */
  readonly users: ReadonlySet<string> | undefined;
  /** Digest checker; undefined = no authentication. */
  readonly digest: DigestAuthenticator | undefined;
  /** Called for each contact bound, so in-dialog requests can find the connection. */
  readonly learn: (contactUri: string, connId: number) => void;
}

const EXPIRES = /^\d{1,10}$/;

export function handleRegister(ctx: RegisterContext, connId: number, request: SipRequest): SipResponse {
  const aor = parseSipUri(addressUri(headerValue(request.headers, 'to') ?? ''));
  if (!aor.ok || aor.value.user === undefined) return replyTo(request, 400, 'Bad To Header');
  const user = aor.value.user;
  if (ctx.users && !ctx.users.has(user)) return replyTo(request, 404, 'Not Found');

  if (ctx.digest) {
    const verdict = ctx.digest.verify('REGISTER', user, headerValue(request.headers, 'authorization'));
    if (verdict === 'forbidden') return replyTo(request, 403, 'Forbidden');
    if (verdict !== 'ok') {
      const challenge = { name: 'WWW-Authenticate', value: ctx.digest.challenge(verdict === 'stale') };
      return replyTo(request, 401, 'Unauthorized', [challenge]);
    }
  }

  const expiresHeader = headerValue(request.headers, 'expires');
  if (expiresHeader !== undefined && !EXPIRES.test(expiresHeader))
    return replyTo(request, 400, 'Bad Expires');
  const contacts = headerValues(request.headers, 'contact');
  if (contacts.length === 1 && contacts[0] === '*') {
    if (expiresHeader !== '0') return replyTo(request, 400, 'Wildcard Needs Expires 0');
    ctx.registrar.remove(user);
    return ok(ctx, request, user);
  }

  // Validate everything first so a bad contact changes nothing.
  const changes: { uri: string; expires: number }[] = [];
  for (const contact of contacts) {
    const uri = addressUri(contact);
    if (!parseSipUri(uri).ok) return replyTo(request, 400, 'Bad Contact');
    const param = headerParam(contact, 'expires') ?? expiresHeader ?? String(DEFAULT_EXPIRES_S);
    if (!EXPIRES.test(param)) return replyTo(request, 400, 'Bad Contact Expires');
    const expires = Number(param);
    if (expires > 0 && expires < MIN_EXPIRES_S) {
      return replyTo(request, 423, 'Interval Too Brief', [
        { name: 'Min-Expires', value: String(MIN_EXPIRES_S) },
      ]);
    }
    changes.push({ uri, expires });
  }
  for (const { uri, expires } of changes) {
    if (expires === 0) ctx.registrar.remove(user, uri);
    else {
      ctx.registrar.upsert(user, uri, connId, expires);
      ctx.learn(uri, connId);
    }
  }
  return ok(ctx, request, user);
}

function ok(ctx: RegisterContext, request: SipRequest, user: string): SipResponse {
  const contacts: SipHeader[] = ctx.registrar
    .bindings(user)
    .map((b) => ({ name: 'Contact', value: `<${b.contact}>;expires=${ctx.registrar.remaining(b)}` }));
  return replyTo(request, 200, 'OK', [...contacts, { name: 'Date', value: new Date().toUTCString() }]);
}
