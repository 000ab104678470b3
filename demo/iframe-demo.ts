// demo/iframe-demo.html: a CRM page that frames the phone (demo/frame.html) from another origin
// (localhost and 127.0.0.1 are two origins of one server) and talks to it with seed 003's JSON over
// postMessage: it sends the SIP credentials and requests, shows the responses and the events, and
// acknowledges each event by id. The same code as README's "In an iframe (postMessage)".
import { frameOutgoingSchema, type FrameOutgoing } from '../src/host/frame-messages.ts';

const USERS = /^10\d\d$/;

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`demo/iframe-demo.html has no #${id}`);
  return el;
}

/** The phone's origin: this server under its other loopback name, so the frame is cross-origin. */
function phoneOrigin(): string {
  const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return `${location.protocol}//${other}${location.port ? `:${location.port}` : ''}`;
}

const line = (list: HTMLOListElement, text: string, className = '') => {
  const item = document.createElement('li');
  item.className = className;
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  list.prepend(item);
};

export function startIframeDemo(sipPort: string): void {
  const requested = new URLSearchParams(location.search).get('user') ?? '1001';
  const user = USERS.test(requested) ? requested : '1001';
  const origin = phoneOrigin();
  const responses = byId('responses', HTMLOListElement);
  const events = byId('events', HTMLOListElement);
  const acking = byId('acking', HTMLInputElement);
  const note = byId('frame-note', HTMLParagraphElement);
  const seen = new Set<string>();
  let n = 0;
  let readyTimer: ReturnType<typeof setTimeout> | undefined;

  const frame = document.createElement('iframe');
  frame.title = `Softphone, extension ${user}`;
  frame.allow = 'microphone; autoplay'; // the framed phone needs both, granted by its parent
  const query = new URLSearchParams({
    server: `ws://${location.hostname}:${sipPort}`,
    aor: `sip:${user}@localhost`,
    displayName: `Agent ${user}`,
    journal: `cti-softphone-frame-${user}`,
  });
  const src = `${origin}/demo/frame.html?${query.toString()}`;

  /** Always to the phone's exact origin, never '*'. */
  const post = (message: object) => frame.contentWindow?.postMessage({ v: 1, ...message }, origin);
  const request = (body: Record<string, unknown>) => {
    const id = String(++n);
    line(responses, `→ ${JSON.stringify({ id, ...body, ...(body['password'] ? { password: '…' } : {}) })}`);
    post({ id, ...body });
  };

  const onMessage = (message: FrameOutgoing) => {
    if (message.msgtype === 'ready') {
      clearTimeout(readyTimer);
      note.textContent = `Framed from ${origin}; this page is ${location.origin}.`;
      // The demo SIP password ("pw" + extension): a CRM would fetch a short-lived one from its backend.
      request({ request: 'credentials', username: user, password: `pw${user}` });
      request({ request: 'subscribe' });
    } else if (message.msgtype === 'response') {
      line(responses, `← ${JSON.stringify(message)}`, message.result === 'failure' ? 'failure' : '');
    } else {
      const again = seen.has(message.id);
      seen.add(message.id);
      const { v: _v, msgtype: _m, id: _id, device: _d, at: _at, ...fields } = message;
      line(events, `${again ? 'again ' : ''}#${message.seq} ${JSON.stringify(fields)}`, again ? 'again' : '');
      if (acking.checked) post({ msgtype: 'ack', ids: [message.id] });
    }
  };

  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.origin !== origin || e.source !== frame.contentWindow) return; // only the phone we framed
    const parsed = frameOutgoingSchema.safeParse(e.data);
    if (parsed.success) onMessage(parsed.data);
    else line(responses, `an invalid message from the phone: ${JSON.stringify(e.data)}`, 'failure');
  });

  const load = () => {
    clearTimeout(readyTimer);
    readyTimer = setTimeout(() => {
      note.textContent = `The phone at ${origin} did not answer: its #cti-frame-config (demo/frame.html) must list ${location.origin}.`;
    }, 5_000);
    frame.src = src;
  };
  byId('frame-slot', HTMLDivElement).append(frame);
  load();

  byId('makecall', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    request({ request: 'makecall', destination: byId('destination', HTMLInputElement).value.trim() });
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-request]'))
    button.addEventListener('click', () => request({ request: button.dataset['request'] ?? '' }));
  byId('reload', HTMLButtonElement).addEventListener('click', () => {
    line(responses, 'reloading the phone: unacknowledged events will come again');
    load();
  });
}
