import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { basic, basicUserId, kintoApp } from '../testing/kinto-app.ts';
import { storageAccountLookup } from './account-lookup.ts';
import { createAccountsPolicy, type StoredAccount } from './accounts-policy.ts';
import { createBasicAuthPolicy } from './basicauth-policy.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const request = (user: string, password: string) =>
  new Request('http://localhost/v1/', { headers: { Authorization: basic(user, password) } });

/** Accounts whose "hash" is `hash:<password>`, and a compare counting its calls. */
function fakeAccounts() {
  const accounts = new Map<string, StoredAccount>();
  const counter = { calls: 0 };
  const hash = async (password: string, stored: string) => {
    counter.calls += 1;
    return stored === `hash:${password}`;
  };
  const lookup = async (userId: string) => accounts.get(userId) ?? null;
  return { accounts, counter, hash, lookup };
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
    // Failures are not cached: each one is verified.
    expect(await policy.authenticate(request('alice', 'nope'))).toBeNull();
    expect(await policy.authenticate(request('alice', 'nope'))).toBeNull();
    expect(counter.calls).toBe(3);
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
});
