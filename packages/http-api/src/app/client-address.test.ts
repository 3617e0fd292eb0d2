import type { AuthenticationContext, AuthenticationPolicy } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { tooManyRequests } from '../errors/http-errors.ts';
import { behindProxies } from './client-address.ts';
import { shellApp } from './testing.ts';

/** A policy recording the context of each call (and answering nobody). */
function recordingPolicy(seen: (AuthenticationContext | undefined)[]): AuthenticationPolicy {
  return {
    name: 'spy',
    async authenticate(_request, context) {
      seen.push(context);
      return null;
    },
  };
}

/** An app whose peer address comes from `X-Test-Peer` (a stand-in for the socket). */
function appWithPeer(trustedProxies: number, seen: (AuthenticationContext | undefined)[]) {
  return shellApp({
    policies: [recordingPolicy(seen)],
    settings: { trusted_proxies: trustedProxies },
    clientAddress: (c) => c.req.header('X-Test-Peer'),
    extend: (v1) => v1.get('/address', (c) => c.json({ address: c.get('clientAddress') ?? null })),
  });
}

describe('client address (trusted_proxies)', () => {
  it('without trusted proxies the peer is the client; X-Forwarded-For is ignored', async () => {
    const seen: (AuthenticationContext | undefined)[] = [];
    const { call } = appWithPeer(0, seen);
    const response = await call('GET', '/v1/address', {
      'X-Test-Peer': '10.0.0.1',
      'X-Forwarded-For': '6.6.6.6',
    });
    expect(response.json.address).toBe('10.0.0.1');
    expect(seen).toEqual([{ clientAddress: '10.0.0.1' }]);
  });

  it('one trusted proxy: the rightmost X-Forwarded-For entry, never the ones the client wrote', async () => {
    const seen: (AuthenticationContext | undefined)[] = [];
    const { call } = appWithPeer(1, seen);
    const spoofed = { 'X-Test-Peer': '10.0.0.1', 'X-Forwarded-For': '6.6.6.6, 203.0.113.7' };
    expect((await call('GET', '/v1/address', spoofed)).json.address).toBe('203.0.113.7');
    // Without the header, the peer itself (the proxy was the client).
    expect((await call('GET', '/v1/address', { 'X-Test-Peer': '10.0.0.1' })).json.address).toBe('10.0.0.1');
  });

  it('two trusted proxies walk two hops back; a short header gives its leftmost entry', async () => {
    const { call } = appWithPeer(2, []);
    const headers = { 'X-Test-Peer': '10.0.0.2', 'X-Forwarded-For': '6.6.6.6,198.51.100.4 , 10.0.0.1' };
    expect((await call('GET', '/v1/address', headers)).json.address).toBe('198.51.100.4');
    const short = { 'X-Test-Peer': '10.0.0.2', 'X-Forwarded-For': '198.51.100.4' };
    expect((await call('GET', '/v1/address', short)).json.address).toBe('198.51.100.4');
  });

  it('no peer, no address: a header alone is never trusted; policies get an empty context', async () => {
    const seen: (AuthenticationContext | undefined)[] = [];
    const { call } = appWithPeer(1, seen);
    expect((await call('GET', '/v1/address', { 'X-Forwarded-For': '6.6.6.6' })).json.address).toBeNull();
    expect(seen).toEqual([{}]);
    const none: (AuthenticationContext | undefined)[] = [];
    const { call: plain } = shellApp({ policies: [recordingPolicy(none)] });
    await plain('GET', '/v1/', {});
    expect(none).toEqual([{}]);
  });

  it('refuses a negative or fractional number of hops', () => {
    expect(() => behindProxies(() => undefined, -1)).toThrow(RangeError);
    expect(() => behindProxies(() => undefined, 1.5)).toThrow(RangeError);
  });

  it('F-ERR-01 a policy throwing 429 errno 117 answers in the error format with Retry-After', async () => {
    const throttled: AuthenticationPolicy = {
      name: 'account',
      authenticate: async () => {
        throw tooManyRequests(12.2, 'Too many failed logins.');
      },
    };
    const { call } = shellApp({ policies: [throttled] });
    const response = await call('GET', '/v1/', { Authorization: 'Basic Ym9iOnB3' });
    expect(response.status).toBe(429);
    expect(response.json).toEqual({
      code: 429,
      errno: 117,
      error: 'Too Many Requests',
      message: 'Too many failed logins.',
    });
    expect(response.headers.get('Retry-After')).toBe('13');
    // A later policy identifying the caller wins over the refusal.
    const fallback: AuthenticationPolicy = { name: 'basicauth', authenticate: async () => ({ userId: 'b' }) };
    const { call: both } = shellApp({
      policies: [throttled, fallback],
      extend: (v1) => v1.get('/me', (c) => c.json({ id: c.get('caller').userId })),
    });
    expect((await both('GET', '/v1/me', { Authorization: 'Basic Ym9iOnB3' })).json).toEqual({
      id: 'basicauth:b',
    });
  });
});
