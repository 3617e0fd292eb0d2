import { type AuthenticationPolicy, BackendError } from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { shellApp } from '../app/testing.ts';
import { authenticate } from './authentication.ts';

function headerPolicy(name: string, header: string, principals?: string[]): AuthenticationPolicy {
  return {
    name,
    async authenticate(request) {
      const value = request.headers.get(header);
      return value ? { userId: value, ...(principals ? { principals } : {}) } : null;
    },
  };
}

describe('authenticate', () => {
  it('F-PRIN-01 anonymous requests only have system.Everyone', async () => {
    const caller = await authenticate(
      new Request('http://x/'),
      [headerPolicy('a', 'X-A')],
      createMemoryBackends(),
    );
    expect(caller).toEqual({ userId: null, principals: ['system.Everyone'] });
  });

  it('F-AUTH-04 a user id no backend can store (NUL, lone surrogate) identifies nobody; the next policy is tried', async () => {
    const ids: Record<string, string> = { nul: 'a\u0000b', surrogate: 'a\ud800b', fine: 'a\u{1F600}b' };
    const unsafe: AuthenticationPolicy = {
      name: 'unsafe',
      async authenticate(request) {
        const id = ids[request.headers.get('X-Id') ?? ''];
        return id === undefined ? null : { userId: id };
      },
    };
    const policies = [unsafe, headerPolicy('fallback', 'X-Other')];
    const backends = createMemoryBackends();
    const callerOf = (id: string) =>
      authenticate(new Request('http://x/', { headers: { 'X-Id': id, 'X-Other': 'x' } }), policies, backends);
    expect((await callerOf('nul')).userId).toBe('fallback:x');
    expect((await callerOf('surrogate')).userId).toBe('fallback:x');
    expect((await callerOf('fine')).userId).toBe('unsafe:a\u{1F600}b');
  });

  it('F-AUTH-04 the first policy recognising the request wins and prefixes the user id', async () => {
    const policies = [headerPolicy('account', 'X-Account'), headerPolicy('basicauth', 'X-Basic')];
    const backends = createMemoryBackends();
    const both = new Request('http://x/', { headers: { 'X-Account': 'bob', 'X-Basic': 'hash' } });
    expect((await authenticate(both, policies, backends)).userId).toBe('account:bob');
    const second = new Request('http://x/', { headers: { 'X-Basic': 'hash' } });
    expect((await authenticate(second, policies, backends)).userId).toBe('basicauth:hash');
  });

  it('F-PRIN-01 principals: user id, Everyone, Authenticated, policy principals, then groups, deduplicated', async () => {
    const backends = createMemoryBackends();
    await backends.permission.addUserPrincipal('a:bob', '/buckets/b/groups/g');
    await backends.permission.addUserPrincipal('system.Authenticated', '/buckets/b/groups/all');
    const policy = headerPolicy('a', 'X-A', ['role:admin', 'system.Everyone']);
    const caller = await authenticate(
      new Request('http://x/', { headers: { 'X-A': 'bob' } }),
      [policy],
      backends,
    );
    expect(caller.principals.slice(0, 4)).toEqual([
      'a:bob',
      'system.Everyone',
      'system.Authenticated',
      'role:admin',
    ]);
    expect([...caller.principals].sort()).toEqual(
      [
        'a:bob',
        'system.Everyone',
        'system.Authenticated',
        'role:admin',
        '/buckets/b/groups/g',
        '/buckets/b/groups/all',
      ].sort(),
    );
  });

  it('F-OPS-03 a backend failing during authentication makes the request 503', async () => {
    const failing: AuthenticationPolicy = {
      name: 'account',
      authenticate: async () => {
        throw new BackendError('cache down');
      },
    };
    const { call } = shellApp({ policies: [failing] });
    const response = await call('GET', '/v1/', { Authorization: 'Basic Ym9iOnB3' });
    expect(response.status).toBe(503);
    expect(response.json.errno).toBe(201);
    // Health endpoints do not authenticate, so they still answer.
    expect((await call('GET', '/v1/__heartbeat__', { Authorization: 'Basic Ym9iOnB3' })).status).toBe(200);
    expect((await call('GET', '/v1/__lbheartbeat__', { Authorization: 'Basic Ym9iOnB3' })).status).toBe(200);
  });

  it('F-AUTH-04 handlers see the caller', async () => {
    const { call } = shellApp({
      policies: [headerPolicy('test', 'X-User')],
      extend: (v1) => v1.get('/me', (c) => c.json(c.var.caller)),
    });
    expect((await call('GET', '/v1/me', { 'X-User': 'ann' })).json.userId).toBe('test:ann');
    expect((await call('GET', '/v1/me')).json.userId).toBeNull();
  });
});
