import { BackendError, type CacheBackend } from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { fakeAccounts } from '../testing/fake-accounts.ts';
import { basic, basicUserId, kintoApp } from '../testing/kinto-app.ts';
import { storageAccountLookup } from './account-lookup.ts';
import { createAccountsPolicy } from './accounts-policy.ts';
import { createBasicAuthPolicy } from './basicauth-policy.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const request = (user: string, password: string) =>
  new Request('http://localhost/v1/', { headers: { Authorization: basic(user, password) } });

type CacheMethod = 'get' | 'set' | 'expire' | 'delete' | 'ttl' | 'increment';

/**
 * A memory cache whose `failing` methods reject with `BackendError`, as the Redis cache does while
 * Redis is down, recording which calls were made.
 */
function flakyCache(failing: readonly CacheMethod[]) {
  const { cache } = createMemoryBackends();
  const calls: CacheMethod[] = [];
  const attempt = async <T>(method: CacheMethod, call: () => Promise<T>): Promise<T> => {
    calls.push(method);
    if (failing.includes(method)) throw new BackendError(`Redis cache ${method} failed: connection refused`);
    return call();
  };
  const flaky: CacheBackend = {
    ...cache,
    get: (key) => attempt('get', () => cache.get(key)),
    set: (key, value, ttl) => attempt('set', () => cache.set(key, value, ttl)),
    expire: (key, ttl) => attempt('expire', () => cache.expire(key, ttl)),
    delete: (key) => attempt('delete', () => cache.delete(key)),
    ttl: (key) => attempt('ttl', () => cache.ttl(key)),
    increment: (key, ttl) =>
      attempt('increment', () => (cache.increment as NonNullable<CacheBackend['increment']>)(key, ttl)),
  };
  return { cache: flaky, calls };
}

describe('accounts policy', () => {
  it('F-AUTH-02 checks the password against the stored bcrypt hash (real bcryptjs)', async () => {
    const stored = await hashPassword('s3cret', 4);
    expect(stored).toMatch(/^\$2[aby]\$04\$/);
    const { cache } = createMemoryBackends();
    const policy = createAccountsPolicy({
      lookup: async (id) => (id === 'alice' ? { password: stored } : null),
      cache,
      hmacSecret: 'k',
    });
    expect(policy.name).toBe('account');
    expect(await policy.authenticate(request('alice', 's3cret'))).toEqual({ userId: 'alice' });
    expect(await policy.authenticate(request('alice', 'wrong'))).toBeNull();
    expect(await policy.authenticate(request('bob', 's3cret'))).toBeNull();
    expect(await policy.authenticate(new Request('http://localhost/'))).toBeNull();
    expect(await verifyPassword('x', 'not a bcrypt hash')).toBe(false);
    expect(policy.challenge?.()).toBe('Basic realm="Realm"');
  });

  it('F-AUTH-02 a cached verification skips bcrypt, is refreshed, and never stores the password', async () => {
    const { accounts, counter, hash, lookup } = fakeAccounts();
    accounts.set('alice', { password: 'hash:pw1' });
    const { cache } = createMemoryBackends();
    const policy = createAccountsPolicy({ lookup, cache, hmacSecret: 'k', hash, cacheTtlSeconds: 30 });
    expect(await policy.authenticate(request('alice', 'pw1'))).toEqual({ userId: 'alice' });
    expect(counter.calls).toBe(1);
    for (let index = 0; index < 5; index++) {
      expect(await policy.authenticate(request('alice', 'pw1'))).toEqual({ userId: 'alice' });
    }
    expect(counter.calls).toBe(1);
    // A failure is verified; the same failed attempt repeated is answered from the cache, another
    // password is verified again.
    expect(await policy.authenticate(request('alice', 'nope'))).toBeNull();
    expect(await policy.authenticate(request('alice', 'nope'))).toBeNull();
    expect(counter.calls).toBe(2);
    expect(await policy.authenticate(request('alice', 'nope2'))).toBeNull();
    expect(counter.calls).toBe(3);
  });

  it('F-AUTH-02 identical attempts arriving together share one bcrypt and count as one guess', async () => {
    const { accounts, counter, hash, lookup } = fakeAccounts();
    accounts.set('alice', { password: 'hash:pw1' });
    const { cache } = createMemoryBackends();
    const policy = createAccountsPolicy({
      lookup,
      cache,
      hmacSecret: 'k',
      hash,
      throttle: { maxFailures: 2, maxFailuresPerAddress: 0 },
    });
    const together = (user: string, password: string) =>
      Promise.all(Array.from({ length: 20 }, () => policy.authenticate(request(user, password))));
    expect(await together('alice', 'pw1')).toEqual(Array(20).fill({ userId: 'alice' }));
    expect(counter.calls).toBe(1);
    // 20 parallel requests of an unknown user (a Basic Auth client before basicauth): one dummy compare.
    expect(await together('bob', 'secret')).toEqual(Array(20).fill(null));
    expect(counter.calls).toBe(2);
    // One counted guess: a second wrong password of alice is still allowed (limit 2), the third not.
    expect(await together('alice', 'wrong1')).toEqual(Array(20).fill(null));
    expect(await policy.authenticate(request('alice', 'wrong2'))).toBeNull();
    await expect(policy.authenticate(request('alice', 'wrong3'))).rejects.toMatchObject({ status: 429 });
  });

  it('F-AUTH-02 a cached failure never hides an account created or a password changed since', async () => {
    const { accounts, counter, hash, lookup } = fakeAccounts();
    const { cache } = createMemoryBackends();
    const policy = createAccountsPolicy({ lookup, cache, hmacSecret: 'k', hash });
    expect(await policy.authenticate(request('alice', 'pw'))).toBeNull();
    expect(await policy.authenticate(request('alice', 'pw'))).toBeNull();
    expect(counter.calls).toBe(1);
    accounts.set('alice', { password: 'hash:pw' });
    expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
    accounts.set('bob', { password: 'hash:old' });
    expect(await policy.authenticate(request('bob', 'new'))).toBeNull();
    accounts.set('bob', { password: 'hash:new' });
    expect(await policy.authenticate(request('bob', 'new'))).toEqual({ userId: 'bob' });
  });

  it('F-AUTH-02 the cache entry of one password never authenticates another (LESSONS §20)', async () => {
    const { accounts, counter, hash, lookup } = fakeAccounts();
    accounts.set('alice', { password: 'hash:old' });
    const { cache } = createMemoryBackends();
    const policy = createAccountsPolicy({ lookup, cache, hmacSecret: 'k', hash });
    expect(await policy.authenticate(request('alice', 'old'))).not.toBeNull();
    accounts.set('alice', { password: 'hash:new' });
    // The old entry does not vouch for the new password: bcrypt runs and succeeds.
    expect(await policy.authenticate(request('alice', 'new'))).not.toBeNull();
    expect(counter.calls).toBe(2);
    // Now the cached entry is the new password's: the old one is checked against the new hash and fails.
    expect(await policy.authenticate(request('alice', 'old'))).toBeNull();
    expect(counter.calls).toBe(3);
  });

  it('F-AUTH-02 forget() invalidates at once: a changed or deleted account stops working', async () => {
    const { accounts, hash, lookup } = fakeAccounts();
    accounts.set('alice', { password: 'hash:pw' });
    const { cache } = createMemoryBackends();
    const policy = createAccountsPolicy({ lookup, cache, hmacSecret: 'k', hash });
    expect(await policy.authenticate(request('alice', 'pw'))).not.toBeNull();
    accounts.delete('alice');
    await policy.forget('alice');
    expect(await policy.authenticate(request('alice', 'pw'))).toBeNull();
  });

  it('F-AUTH-02 the cache holds neither the username nor the password, and expires with the TTL', async () => {
    const { accounts, hash, lookup } = fakeAccounts();
    accounts.set('alice', { password: 'hash:pw' });
    const values = new Map<string, unknown>();
    const ttls: number[] = [];
    const { cache } = createMemoryBackends();
    const spy = {
      ...cache,
      async set(key: string, value: never, ttl: number) {
        values.set(key, value);
        ttls.push(ttl);
        return cache.set(key, value, ttl);
      },
    };
    const policy = createAccountsPolicy({ lookup, cache: spy, hmacSecret: 'k', hash, cacheTtlSeconds: 7 });
    await policy.authenticate(request('alice', 'pw'));
    expect(ttls).toEqual([7]);
    for (const [key, value] of values) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(value).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('F-AUTH-04 policies are tried in order; the winner prefixes the user id', async () => {
    const { accounts, hash, lookup } = fakeAccounts();
    accounts.set('alice', { password: 'hash:pw' });
    const { cache } = createMemoryBackends();
    const account = createAccountsPolicy({ lookup, cache, hmacSecret: '', hash });
    const { call } = kintoApp({ policies: [account, createBasicAuthPolicy({ hmacSecret: '' })] });
    expect((await call('GET', '/', { user: 'alice' })).json.user.id).toBe('account:alice');
    // A failed account check lets basicauth authenticate the request.
    expect((await call('GET', '/', { user: 'bob' })).json.user.id).toBe(await basicUserId('bob'));
    const wrong = await call('GET', '/', { headers: { Authorization: basic('alice', 'bad') } });
    expect(wrong.json.user.id).toBe(await basicUserId('alice', 'bad'));
  });

  it('F-AUTH-02 storageAccountLookup reads Kinto account objects (parent = id = username)', async () => {
    const { storage } = createMemoryBackends();
    await storage.create({ resource: 'account', parent: 'alice' }, { id: 'alice', password: 'h' });
    await storage.create({ resource: 'account', parent: 'bob' }, { id: 'bob' });
    await storage.create({ resource: 'account', parent: 'x' }, { id: 'carol', password: 'h' });
    const lookup = storageAccountLookup(storage);
    expect(await lookup('alice')).toEqual({ password: 'h' });
    expect(await lookup('bob')).toBeNull();
    expect(await lookup('carol')).toBeNull();
    expect(await lookup('nobody')).toBeNull();
  });

  describe('when the cache fails (permissions.md §1.3: the cache is only for speed)', () => {
    it('F-AUTH-02 still authenticates with bcrypt, and reports each failure to onCacheError', async () => {
      const { accounts, counter, hash, lookup } = fakeAccounts();
      accounts.set('alice', { password: 'hash:pw' });
      const { cache, calls } = flakyCache(['get', 'set', 'expire', 'delete', 'ttl', 'increment']);
      const errors: BackendError[] = [];
      const policy = createAccountsPolicy({
        lookup,
        cache,
        hmacSecret: 'k',
        hash,
        onCacheError: (error) => errors.push(error),
      });
      for (let index = 0; index < 3; index++) {
        expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
      }
      // Nothing could be cached: bcrypt runs every time. Each login reads the proof, the last
      // failure, then the failure counter (throttling skipped when it cannot be read), then stores
      // the proof.
      expect(counter.calls).toBe(3);
      const login = ['get', 'get', 'get', 'set'];
      expect(calls).toEqual([...login, ...login, ...login]);
      expect(await policy.authenticate(request('alice', 'wrong'))).toBeNull();
      expect(await policy.authenticate(request('nobody', 'pw'))).toBeNull();
      // The failures could be neither remembered nor counted.
      const failure = ['get', 'get', 'get', 'set', 'increment'];
      expect(calls.slice(12)).toEqual([...failure, ...failure]);
      expect(errors).toHaveLength(22);
      for (const error of errors) expect(error).toBeInstanceOf(BackendError);
    });

    it('F-AUTH-02 a cache hit whose TTL refresh fails still authenticates; onCacheError is optional', async () => {
      const { accounts, counter, hash, lookup } = fakeAccounts();
      accounts.set('alice', { password: 'hash:pw' });
      const { cache, calls } = flakyCache(['expire']);
      const policy = createAccountsPolicy({ lookup, cache, hmacSecret: 'k', hash });
      expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
      expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
      expect(counter.calls).toBe(1);
      expect(calls).toEqual(['get', 'get', 'get', 'set', 'get', 'expire']);
    });

    it('F-AUTH-02 an unreadable cache still gets the proof written, for when it reads again', async () => {
      const { accounts, counter, hash, lookup } = fakeAccounts();
      accounts.set('alice', { password: 'hash:pw' });
      const { cache, calls } = flakyCache(['get']);
      const policy = createAccountsPolicy({ lookup, cache, hmacSecret: 'k', hash, onCacheError: () => {} });
      expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
      expect(calls).toEqual(['get', 'get', 'get', 'set']);
      expect(counter.calls).toBe(1);
    });

    it('F-AUTH-02 a valid login over a failing cache is a 200, never a 503', async () => {
      const { accounts, hash, lookup } = fakeAccounts();
      accounts.set('alice', { password: 'hash:pw' });
      const { cache } = flakyCache(['get', 'set', 'expire', 'delete']);
      const account = createAccountsPolicy({ lookup, cache, hmacSecret: '', hash });
      const { call } = kintoApp({ policies: [account, createBasicAuthPolicy({ hmacSecret: '' })] });
      const hello = await call('GET', '/', { user: 'alice' });
      expect(hello.status).toBe(200);
      expect(hello.json.user.id).toBe('account:alice');
    });

    it('F-AUTH-02 forget() fails loudly: a stale proof must not outlive a password change', async () => {
      const { accounts, hash, lookup } = fakeAccounts();
      accounts.set('alice', { password: 'hash:pw' });
      const { cache } = flakyCache(['delete']);
      const errors: unknown[] = [];
      const policy = createAccountsPolicy({
        lookup,
        cache,
        hmacSecret: 'k',
        hash,
        onCacheError: (error) => errors.push(error),
      });
      expect(await policy.authenticate(request('alice', 'pw'))).not.toBeNull();
      await expect(policy.forget('alice')).rejects.toBeInstanceOf(BackendError);
      expect(errors).toEqual([]);
    });

    it('lets errors other than BackendError through: they are bugs, not outages', async () => {
      const { accounts, hash, lookup } = fakeAccounts();
      accounts.set('alice', { password: 'hash:pw' });
      const { cache } = createMemoryBackends();
      const broken: CacheBackend = {
        ...cache,
        get: async () => {
          throw new TypeError('not a cache bug we should hide');
        },
      };
      const policy = createAccountsPolicy({ lookup, cache: broken, hmacSecret: 'k', hash });
      await expect(policy.authenticate(request('alice', 'pw'))).rejects.toBeInstanceOf(TypeError);
    });
  });
});
