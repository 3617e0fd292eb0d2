import type { Context } from 'hono';
import type { ApiEnv } from '../context.ts';

/**
 * How the app learns a request's client address (for per-address login throttling): the socket peer
 * on Node (`@core/toolkit/node`'s `socketClientAddress`), the platform's header on edge runtimes
 * (e.g. `(c) => c.req.header('CF-Connecting-IP')` on Cloudflare). `undefined` when unknown.
 */
export type ClientAddress = (c: Context<ApiEnv>) => string | undefined;

/**
 * `peer` behind `trustedProxies` reverse proxies (the `trusted_proxies` setting): each trusted proxy
 * appended the address it received the request from to `X-Forwarded-For`, so the client is the
 * entry `trustedProxies` hops left of the peer (Express' `trust proxy = n`). Entries left of that
 * were written by the client itself and are never trusted; when the header holds fewer entries than
 * hops, the leftmost one is taken. `0` hops, or no peer at all, gives `peer` unchanged: without a
 * known peer there is nobody to trust the header of.
 */
export function behindProxies(peer: ClientAddress, trustedProxies: number): ClientAddress {
  if (!Number.isInteger(trustedProxies) || trustedProxies < 0) {
    throw new RangeError(`trusted_proxies must be a whole number, 0 or more, got ${String(trustedProxies)}`);
  }
  if (trustedProxies === 0) return peer;
  return (c) => {
    const direct = peer(c);
    if (direct === undefined) return undefined;
    const forwarded = (c.req.raw.headers.get('X-Forwarded-For') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    // Nearest first: the peer, then the entries right to left.
    const chain = [direct, ...forwarded.reverse()];
    return chain[Math.min(trustedProxies, chain.length - 1)];
  };
}
