/**
 * The sandbox's SIP logic, free of sockets: a registrar plus a stateless,
 * record-routing proxy between WebSocket connections (identified by number).
 *
 * - REGISTER is answered here (register-handler.ts).
 * - A request is routed by Request-URI: first to the connection known for that
 *   Contact (in-dialog requests: browsers' Contacts are `*.invalid`), else to the
 *   newest binding of the R-URI user, or of the extension a DID (`numbers`) maps to
 *   (404 unknown, 480 not registered); the To header keeps the number dialled.
 *   Contacts are learnt only from accepted REGISTERs and from the top Contact of
 *   dialog-creating requests and their 2xx that we relayed (flow-table.ts), never
 *   from rejected ones.
 * - Our Via branch encodes the upstream connection (`z9hG4bKc<conn>x<hash>`), so
 *   responses are routed back with no transaction state. The hash is derived from
 *   the upstream branch, so a CANCEL or non-2xx ACK gets the INVITE's branch.
 */
import { createHash } from 'node:crypto';
import {
  addressUri,
  dropTopValue,
  headerParam,
  headerValue,
  headerValues,
  prependHeader,
  setHeader,
} from './sip-headers.ts';
import type { SipMessage, SipRequest, SipResponse } from './sip-message.ts';
import { serializeSipMessage } from './sip-message.ts';
import { handleRegister } from './register-handler.ts';
import type { RegisterContext } from './register-handler.ts';
import { Registrar } from './registrar.ts';
import { ALLOW, replyTo } from './sip-replies.ts';
import { FlowTable } from './flow-table.ts';
import { contactKey, parseSipUri } from './sip-uri.ts';
import type { DigestAuthenticator } from './sip-digest.ts';

export interface Outbound {
  readonly connId: number;
  readonly text: string;
}

export interface RouterOptions {
  readonly host: string;
  readonly port: number;
  readonly users?: ReadonlySet<string> | undefined;
  readonly digest?: DigestAuthenticator | undefined;
  /** Called numbers (DIDs) → the extension they ring, like a PBX's inbound routes. */
  readonly numbers?: ReadonlyMap<string, string> | undefined;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

/** Methods whose out-of-dialog requests create dialogs we must stay in. */
const RECORD_ROUTE = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);
const OUR_BRANCH = /^z9hG4bKc(\d{1,9})x[0-9a-f]{16}$/;

export class SipRouter {
  readonly registrar: Registrar;
  /** Contact `user@host` → connection it was learnt on. */
  readonly #flows = new FlowTable();
  readonly #register: RegisterContext;
  readonly #log: (line: string) => void;

  constructor(private readonly options: RouterOptions) {
    this.registrar = new Registrar(options.now);
    this.#log = options.log ?? (() => undefined);
    this.#register = {
      registrar: this.registrar,
      users: options.users,
      digest: options.digest,
      // An accepted REGISTER may move a contact to a new connection (a reconnected tab).
      learn: (uri, connId) => this.#learn(uri, connId, true),
    };
  }

  /** Our Record-Route / Via address. */
  get sentBy(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  handle(connId: number, message: SipMessage): Outbound[] {
    return message.kind === 'request' ? this.#request(connId, message) : this.#response(connId, message);
  }

  connectionClosed(connId: number): void {
    this.registrar.removeConnection(connId);
    this.#flows.dropConnection(connId);
  }

  /** Contacts known for a connection (all connections when omitted). */
  flowCount(connId?: number): number {
    return this.#flows.count(connId);
  }

  #request(connId: number, request: SipRequest): Outbound[] {
    const reply = (status: number, reason: string, extra: Parameters<typeof replyTo>[3] = []): Outbound[] => {
      this.#log(
        `${request.method} ${request.uri} from conn ${connId}: ${request.method === 'ACK' ? 'dropped' : status}`,
      );
      // ACK is never answered (RFC 3261 §17.2.1): drop it instead.
      if (request.method === 'ACK') return [];
      return [{ connId, text: serializeSipMessage(replyTo(request, status, reason, extra)) }];
    };

    const maxForwards = Number(headerValue(request.headers, 'max-forwards') ?? '70');
    if (maxForwards <= 0) return reply(483, 'Too Many Hops');
    if (request.method === 'REGISTER') {
      const answer = handleRegister(this.#register, connId, request);
      this.#log(`REGISTER ${headerValue(request.headers, 'to') ?? ''} from conn ${connId}: ${answer.status}`);
      return [{ connId, text: serializeSipMessage(answer) }];
    }

    let headers = request.headers;
    while (this.#isOurRoute(headerValues(headers, 'route')[0])) headers = dropTopValue(headers, 'route');

    const ruri = parseSipUri(request.uri);
    if (!ruri.ok) return reply(416, 'Unsupported URI Scheme');
    if (request.method === 'OPTIONS' && ruri.value.user === undefined) {
      return reply(200, 'OK', [
        { name: 'Allow', value: ALLOW },
        { name: 'Accept', value: 'application/sdp' },
      ]);
    }

    let targetConn = this.#flows.get(contactKey(ruri.value));
    let targetUri = request.uri;
    if (targetConn === undefined) {
      // A DID rings its extension; the Request-URI becomes the extension's contact and the To
      // header keeps the number dialled (the callee's DNIS, as seed 000's cache keys it).
      const dialled = ruri.value.user;
      const user = dialled === undefined ? undefined : (this.options.numbers?.get(dialled) ?? dialled);
      if (user === undefined || (this.options.users && !this.options.users.has(user)))
        return reply(404, 'Not Found');
      const binding = this.registrar.target(user);
      if (!binding) return reply(480, 'Temporarily Unavailable');
      targetConn = binding.connId;
      targetUri = binding.contact;
    }

    const topVia = headerValues(headers, 'via')[0] ?? '';
    const upstreamKey = String(
      headerParam(topVia, 'branch') ?? `${headerValue(headers, 'call-id')}|${headerValue(headers, 'cseq')}`,
    );
    const hash = createHash('sha1').update(`${connId}|${upstreamKey}`).digest('hex').slice(0, 16);
    headers = prependHeader(headers, 'Via', `SIP/2.0/WS ${this.sentBy};branch=z9hG4bKc${connId}x${hash}`);
    headers = setHeader(headers, 'Max-Forwards', String(maxForwards - 1));
    const initial = headerParam(headerValue(headers, 'to') ?? '', 'tag') === undefined;
    if (initial && RECORD_ROUTE.has(request.method)) {
      headers = prependHeader(headers, 'Record-Route', `<sip:${this.sentBy};transport=ws;lr>`);
      this.#learnTopContact(request, connId);
    }
    this.#log(`${request.method} ${request.uri} conn ${connId} -> conn ${targetConn}`);
    return [{ connId: targetConn, text: serializeSipMessage({ ...request, uri: targetUri, headers }) }];
  }

  #response(connId: number, response: SipResponse): Outbound[] {
    const topVia = headerValues(response.headers, 'via')[0] ?? '';
    const branch = OUR_BRANCH.exec(String(headerParam(topVia, 'branch') ?? ''));
    if (!branch?.[1] || !topVia.includes(this.sentBy)) {
      this.#log(`dropped ${response.status} response: top Via is not ours`);
      return [];
    }
    const headers = dropTopValue(response.headers, 'via');
    if (headerValues(headers, 'via').length === 0) return [];
    const method = (headerValue(headers, 'cseq') ?? '').trim().split(/\s+/)[1]?.toUpperCase() ?? '';
    if (response.status >= 200 && response.status < 300 && RECORD_ROUTE.has(method))
      this.#learnTopContact(response, connId);
    return [{ connId: Number(branch[1]), text: serializeSipMessage({ ...response, headers }) }];
  }

  #isOurRoute(route: string | undefined): boolean {
    if (route === undefined) return false;
    const uri = parseSipUri(addressUri(route));
    return uri.ok && `${uri.value.host}:${uri.value.port ?? 5060}` === this.sentBy.toLowerCase();
  }

  #learnTopContact(message: SipMessage, connId: number): void {
    const top = headerValues(message.headers, 'contact')[0];
    if (top !== undefined) this.#learn(addressUri(top), connId, false);
  }

  #learn(uri: string, connId: number, takeOver: boolean): void {
    const parsed = parseSipUri(uri);
    // Only learn addresses with a user part; a bare host would capture a whole domain.
    if (parsed.ok && parsed.value.user !== undefined)
      this.#flows.learn(contactKey(parsed.value), connId, takeOver);
  }
}
