import type { ClientAddress } from '@core/http-api';

/** What `@hono/node-server` puts in `c.env`: the Node request, whose socket knows the peer. */
interface NodeBindings {
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string | undefined } };
}

/**
 * The socket peer of a request served by `@hono/node-server` (`c.env.incoming.socket.remoteAddress`,
 * what its `getConnInfo` reads, without making this package depend on the server adapter). IPv4
 * peers of a dual-stack socket (`::ffff:192.0.2.1`) are given as plain IPv4. `undefined` for a
 * request that did not come through a socket (`app.request()` in tests).
 */
export const socketClientAddress: ClientAddress = (c) => {
  const address = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
  if (address === undefined || address === '') return undefined;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
};
