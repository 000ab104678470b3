import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

interface Pipe {
  readonly client: Socket;
  readonly upstream: Socket | undefined;
  /** Set when black-holed: bytes are dropped both ways, sockets stay open. */
  dead: boolean;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, able to black-hole the
 * path: nothing is forwarded any more, yet no socket closes (like a peer that
 * vanished without a RST, or a firewall dropping packets). That is the
 * half-open connection a client only notices by its own timeouts.
 */
export class TcpProxy {
  readonly #server: Server;
  readonly #pipes = new Set<Pipe>();
  #blackholed = false;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => proxy.#accept(client, targetPort));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy not listening');
    return address.port;
  }

  /** Every open connection and every new one goes silent (accepted, never forwarded). */
  blackhole(): void {
    this.#blackholed = true;
    for (const pipe of this.#pipes) pipe.dead = true;
  }

  /** A working path again for new connections; the black-holed ones stay dead. */
  heal(): void {
    this.#blackholed = false;
  }

  async close(): Promise<void> {
    for (const pipe of this.#pipes) {
      pipe.client.destroy();
      pipe.upstream?.destroy();
    }
    this.#pipes.clear();
    this.#server.close();
    await once(this.#server, 'close');
  }

  #accept(client: Socket, targetPort: number): void {
    const upstream = this.#blackholed ? undefined : connect(targetPort, '127.0.0.1');
    const pipe: Pipe = { client, upstream, dead: this.#blackholed };
    this.#pipes.add(pipe);
    const end = (): void => {
      this.#pipes.delete(pipe);
      client.destroy();
      upstream?.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (!pipe.dead) upstream?.write(chunk);
    });
    upstream?.on('data', (chunk: Buffer) => {
      if (!pipe.dead) client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket?.on('error', end);
      socket?.on('close', end);
    }
  }
}
