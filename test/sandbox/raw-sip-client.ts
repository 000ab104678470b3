/** A bare WebSocket SIP peer for tests: sends text, awaits frames matching a predicate. */
import { WebSocket } from 'ws';

export class RawSipClient {
  readonly #queue: string[] = [];
  readonly #waiters: { match: (text: string) => boolean; resolve: (text: string) => void }[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      const index = this.#waiters.findIndex((w) => w.match(text));
      const waiter = this.#waiters[index];
      if (waiter) {
        this.#waiters.splice(index, 1);
        waiter.resolve(text);
      } else this.#queue.push(text);
    });
  }

  static async connect(url: string, protocol = 'sip', origin?: string): Promise<RawSipClient> {
    const ws = new WebSocket(url, protocol, origin === undefined ? {} : { origin });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawSipClient(ws);
  }

  send(text: string | Buffer, binary = false): void {
    this.ws.send(text, { binary });
  }

  /** The first frame (already received or upcoming) whose text matches. */
  next(match: (text: string) => boolean = () => true, timeoutMs = 5000): Promise<string> {
    const index = this.#queue.findIndex(match);
    const queued = this.#queue[index];
    if (queued !== undefined) {
      this.#queue.splice(index, 1);
      return Promise.resolve(queued);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (text: string) => {
          clearTimeout(timer);
          resolve(text);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(
          new Error(`no matching SIP frame within ${timeoutMs} ms; queued: ${JSON.stringify(this.#queue)}`),
        );
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Resolves with the close code once the socket is closed by either side. */
  closed(): Promise<number> {
    return new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
  }

  /** Frames received and not yet consumed. */
  pending(): readonly string[] {
    return [...this.#queue];
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Build a SIP message from a start line, header lines and a body (Content-Length added). */
export function sipText(startLine: string, headers: readonly string[], body = ''): string {
  const all = [...headers, `Content-Length: ${Buffer.byteLength(body)}`];
  return `${startLine}\r\n${all.join('\r\n')}\r\n\r\n${body}`;
}

/** Header value of a received message (first line with that name, case-insensitive). */
export function header(text: string, name: string): string | undefined {
  const head = text.split('\r\n\r\n')[0] ?? '';
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}

export function headers(text: string, name: string): string[] {
  const head = text.split('\r\n\r\n')[0] ?? '';
  return head
    .split('\r\n')
    .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((l) => l.slice(l.indexOf(':') + 1).trim());
}

export const startLine = (text: string): string => text.split('\r\n')[0] ?? '';
export const bodyOf = (text: string): string => text.slice(text.indexOf('\r\n\r\n') + 4);
