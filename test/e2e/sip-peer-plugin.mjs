// @web/test-runner plugin: a scripted SIP-over-WebSocket peer on 127.0.0.1 (port 0), for browser tests
// that must send the widget exactly the bytes they choose (see test/e2e/sip-peer.ts for the typed wrappers):
//   'sip-peer-start' {answerRegister?}  -> { url }   a fresh server (any previous one is closed)
//   'sip-peer-next'  {match, timeoutMs} -> { frame } the next frame the widget sent that matches (or null)
//   'sip-peer-send'  {frame}            -> { sent }  sends a text frame on the widget's latest socket
//   'sip-peer-stop'                     -> { stopped }
// With answerRegister (default), every REGISTER is answered 200 with its Contact and the expiry it asked for;
// those REGISTERs are still queued for 'sip-peer-next'.
import { WebSocketServer } from 'ws';

/** @typedef {{ method?: string, status?: number, cseqMethod?: string, callId?: string }} Match */

const headerValues = (
  /** @type {string} */ text,
  /** @type {string} */ name,
  /** @type {string} */ compact,
) =>
  text
    .slice(0, text.indexOf('\r\n\r\n'))
    .split('\r\n')
    .slice(1)
    .map((line) => /^([^:\s]+)\s*:\s*(.*)$/.exec(line))
    .filter((m) => m && [name, compact].includes(m[1].toLowerCase()))
    .map((m) => m[2]);
const first = (text, name, compact = name) => headerValues(text, name, compact)[0];

/** @param {string} text @param {Match} match */
function matches(text, match) {
  const start = text.slice(0, text.indexOf('\r\n'));
  const method = /^([A-Z]+) \S+ SIP\/2\.0$/.exec(start)?.[1];
  const status = /^SIP\/2\.0 (\d{3}) /.exec(start)?.[1];
  const cseq = first(text, 'cseq') ?? '';
  if (match.method !== undefined && match.method !== method) return false;
  if (match.status !== undefined && String(match.status) !== status) return false;
  if (match.cseqMethod !== undefined && cseq.split(/\s+/)[1] !== match.cseqMethod) return false;
  if (match.callId !== undefined && first(text, 'call-id', 'i') !== match.callId) return false;
  return true;
}

/** The registrar's 200 OK to a REGISTER: Contact back with the expiry asked for (0 for an un-REGISTER). */
function registerOk(text) {
  const contact = first(text, 'contact', 'm') ?? '';
  const expires = /;\s*expires=(\d+)/.exec(contact)?.[1] ?? first(text, 'expires') ?? '600';
  const to = first(text, 'to', 't') ?? '';
  return [
    'SIP/2.0 200 OK',
    ...headerValues(text, 'via', 'v').map((v) => `Via: ${v}`),
    `From: ${first(text, 'from', 'f')}`,
    `To: ${/;tag=/.test(to) ? to : `${to};tag=peer${Math.random().toString(36).slice(2, 8)}`}`,
    `Call-ID: ${first(text, 'call-id', 'i')}`,
    `CSeq: ${first(text, 'cseq')}`,
    ...(expires === '0' ? [] : [`Contact: ${contact.replace(/;\s*expires=\d+/, '')};expires=${expires}`]),
    `Expires: ${expires}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

class SipPeer {
  /** @type {WebSocketServer | undefined} */ server;
  /** @type {import('ws').WebSocket | undefined} */ socket;
  /** @type {string[]} */ queue = [];
  /** @type {{ match: Match, resolve: (frame: string) => void }[]} */ waiters = [];
  answerRegister = true;

  async start({ answerRegister = true } = {}) {
    await this.stop();
    this.answerRegister = answerRegister;
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (p) => [...p][0] ?? false,
    });
    this.server = server;
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data, isBinary) =>
        this.received(isBinary ? data.toString('utf8') : String(data)),
      );
    });
    await new Promise((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    return { url: `ws://127.0.0.1:${address.port}` };
  }

  /** @param {string} frame */
  received(frame) {
    if (frame.trim() === '') return; // CRLF keep-alive
    if (this.answerRegister && matches(frame, { method: 'REGISTER' })) this.socket?.send(registerOk(frame));
    const i = this.waiters.findIndex((w) => matches(frame, w.match));
    if (i >= 0) this.waiters.splice(i, 1)[0].resolve(frame);
    else this.queue.push(frame);
  }

  /** @param {{ match?: Match, timeoutMs?: number }} payload */
  next({ match = {}, timeoutMs = 5_000 } = {}) {
    const i = this.queue.findIndex((f) => matches(f, match));
    if (i >= 0) return Promise.resolve({ frame: this.queue.splice(i, 1)[0] });
    return new Promise((resolve) => {
      const waiter = { match, resolve: (frame) => (clearTimeout(timer), resolve({ frame })) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve({ frame: null });
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** @param {{ frame: string }} payload */
  send({ frame }) {
    if (!this.socket || this.socket.readyState !== this.socket.OPEN)
      throw new Error('the widget is not connected');
    this.socket.send(frame);
    return { sent: true };
  }

  async stop() {
    const server = this.server;
    this.server = undefined;
    this.socket = undefined;
    this.queue = [];
    for (const w of this.waiters.splice(0)) w.resolve(null);
    if (!server) return { stopped: false };
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
    return { stopped: true };
  }
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function sipPeerPlugin() {
  const peer = new SipPeer();
  /** @type {Record<string, (payload: any) => Promise<unknown> | unknown>} */
  const commands = {
    'sip-peer-start': (payload) => peer.start(payload ?? {}),
    'sip-peer-next': (payload) => peer.next(payload ?? {}),
    'sip-peer-send': (payload) => peer.send(payload),
    'sip-peer-stop': () => peer.stop(),
  };
  return {
    name: 'sip-peer',
    async serverStop() {
      await peer.stop();
    },
    async executeCommand({ command, payload }) {
      const run = commands[command];
      return run ? run(payload) : undefined;
    },
  };
}
