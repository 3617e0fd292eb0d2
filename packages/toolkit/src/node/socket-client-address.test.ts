import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { createApp } from '../create-app.ts';
import { socketClientAddress } from './socket-client-address.ts';

describe('socketClientAddress', () => {
  it('is the socket peer under @hono/node-server, after trusted_proxies hops; none under app.request()', async () => {
    const { app } = await createApp({
      settings: { trusted_proxies: 1 },
      clientAddress: socketClientAddress,
      extend: (v1) => v1.get('/address', (c) => c.json({ address: c.get('clientAddress') ?? null })),
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/address`;
      const direct = await (await fetch(base)).json();
      expect(direct.address).toBe('127.0.0.1');
      const proxied = await (
        await fetch(base, { headers: { 'X-Forwarded-For': '6.6.6.6, 203.0.113.5' } })
      ).json();
      expect(proxied.address).toBe('203.0.113.5');
      expect((await (await app.request('/v1/address')).json()).address).toBeNull();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
