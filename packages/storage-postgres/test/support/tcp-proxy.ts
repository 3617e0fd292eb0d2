import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * How the proxy treats connections: `forward` to the real server, `refuse` them (nothing listens:
 * ECONNREFUSED, as a stopped server), or `blackhole` them (accepted, never answered, as a server
 * behind a dead network).
 */
export type ProxyMode = 'forward' | 'refuse' | 'blackhole';

/** A TCP proxy in front of PostgreSQL whose availability a test switches. */
export interface TcpProxy {
  /** `127.0.0.1:<port>`, stable across modes. */
  readonly port: number;
  /** Switches mode; `refuse` and `blackhole` also cut the connections already open. */
  setMode(mode: ProxyMode): Promise<void>;
  /** How many connections clients opened through the proxy so far. */
  accepted(): number;
  close(): Promise<void>;
}

const listen = (server: Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

/** Starts a proxy to `target` (host and port) on a free port, in `forward` mode. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  let count = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    count++;
    track(client);
    if (mode === 'blackhole') return;
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await listen(server, 0);
  const { port } = server.address() as { port: number };
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    async setMode(next) {
      mode = next;
      if (next !== 'forward') cutAll();
      if (next === 'refuse') await closeServer(server);
      else if (!server.listening) await listen(server, port);
    },
    accepted: () => count,
    async close() {
      cutAll();
      await closeServer(server);
    },
  };
}
