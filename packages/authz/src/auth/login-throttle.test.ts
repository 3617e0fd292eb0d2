import { BackendError, type CacheBackend, type HttpError, isCoreError } from '@core/contracts';
import { createApi, unauthorized } from '@core/http-api';
import { createMemoryBackends, createMemoryCache } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { fakeAccounts, fakeBcrypt } from '../testing/fake-accounts.ts';
import { basic } from '../testing/kinto-app.ts';
import { type AccountsPolicyOptions, createAccountsPolicy } from './accounts-policy.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { bcryptCost, hashPassword } from './passwords.ts';

const request = (user: string, password: string) =>
  new Request('http://localhost/v1/', { headers: { Authorization: basic(user, password) } });

/** The HttpError `call` rejects with (fails the test when it resolves). */
async function rejection(call: Promise<unknown>): Promise<HttpError> {
  try {
    await call;
  } catch (error) {
    if (isCoreError(error, 'HTTP_ERROR')) return error as HttpError;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** alice (password `pw`), a counting compare, a memory cache, and the policy over them. */
function setup(overrides: Partial<AccountsPolicyOptions> = {}) {
  const fake = fakeAccounts();
  fake.accounts.set('alice', { password: 'hash:pw' });
  fake.accounts.set('bob', { password: 'hash:bobpw' });
  const cache = overrides.cache ?? createMemoryCache();
  const policy = createAccountsPolicy({
    lookup: fake.lookup,
    cache,
    hmacSecret: 'k',
    hash: fake.hash,
    hashPassword: fake.hashPassword,
    ...overrides,
  });
  return { ...fake, cache, policy };
}

describe('accounts policy: the same work for unknown users (issue 12, item 6)', () => {
  it('F-AUTH-02 an unknown user costs one lookup and one compare, as a wrong password does', async () => {
    const lookups: string[] = [];
    const { counter, lookup, policy } = setup({
      lookup: async (id) => {
        lookups.push(id);
        return lookupOf(id);
      },
    });
    const lookupOf = lookup;
    expect(await policy.authenticate(request('alice', 'wrong'))).toBeNull();
    const wrongPassword = { compares: counter.calls, lookups: lookups.length };
    expect(await policy.authenticate(request('nobody', 'wrong'))).toBeNull();
    const unknownUser = {
      compares: counter.calls - wrongPassword.compares,
      lookups: lookups.length - wrongPassword.lookups,
    };
    expect(wrongPassword).toEqual({ compares: 1, lookups: 1 });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('F-AUTH-02 an account without a usable hash is checked against the dummy hash, and never logs in', async () => {
    const { accounts, counter, policy } = setup();
    accounts.set('nohash', { password: 42 as unknown as string });
    accounts.set('junk', { password: 'not a bcrypt hash' });
    accounts.set('empty', { password: '' });
    for (const user of ['nohash', 'junk', 'empty']) {
      expect(await policy.authenticate(request(user, 'not a bcrypt hash'))).toBeNull();
      expect(await policy.authenticate(request(user, ''))).toBeNull();
    }
    expect(counter.calls).toBe(6);
  });

  it('F-AUTH-02 the dummy hash has the cost of real hashes, and is made once (real bcryptjs)', async () => {
    const stored = await hashPassword('s3cret', 5);
    const made: number[] = [];
    const policy = createAccountsPolicy({
      lookup: async (id) => (id === 'alice' ? { password: stored } : null),
      cache: createMemoryCache(),
      hmacSecret: 'k',
      hashPassword: async (password, rounds) => {
        made.push(rounds ?? -1);
        return hashPassword(password, rounds);
      },
      throttle: { maxFailures: 0 },
    });
    const compared: string[] = [];
    const counting = createAccountsPolicy({
      lookup: async (id) => (id === 'alice' ? { password: stored } : null),
      cache: createMemoryCache(),
      hmacSecret: 'k',
      hash: async (_password, hash) => {
        compared.push(hash);
        return false;
      },
      throttle: { maxFailures: 0 },
    });
    // The cost follows the last real hash seen (5 here), default 10 before any.
    expect(await policy.authenticate(request('alice', 'wrong'))).toBeNull();
    expect(await policy.authenticate(request('ghost', 's3cret'))).toBeNull();
    expect(await policy.authenticate(request('ghost2', 's3cret'))).toBeNull();
    expect(made).toEqual([5]);
    expect(await counting.authenticate(request('ghost', 'x'))).toBeNull();
    expect(await counting.authenticate(request('alice', 'x'))).toBeNull();
    expect(await counting.authenticate(request('ghost', 'y'))).toBeNull();
    expect(compared.map(bcryptCost)).toEqual([10, 5, 5]);
    expect(compared[1]).toBe(stored);
  });
});

describe('accounts policy: failed logins are throttled (issue 12, item 6)', () => {
  it('F-ERR-01 the N+1th attempt on an account answers 429 errno 117 with Retry-After; the owner with a cached proof still logs in; other accounts are untouched', async () => {
    const { counter, policy } = setup({ throttle: { maxFailures: 3, windowSeconds: 60 } });
    // The owner logged in recently: the proof is cached.
    expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await policy.authenticate(request('alice', `guess${attempt}`))).toBeNull();
    }
    const compares = counter.calls;
    const error = await rejection(policy.authenticate(request('alice', 'guess3')));
    expect([error.status, error.errno, error.error]).toEqual([429, 117, 'Too Many Requests']);
    const retryAfter = Number(error.headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Throttled attempts do not reach bcrypt.
    expect(counter.calls).toBe(compares);
    // The real owner, whose proof is cached, is never throttled.
    expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
    // Another account still gets plain failures (401) and successes.
    expect(await policy.authenticate(request('bob', 'wrong'))).toBeNull();
    expect(await policy.authenticate(request('bob', 'bobpw'))).toEqual({ userId: 'bob' });
  });

  it('F-ERR-01 without a cached proof, even the right password waits (no oracle), and unknown users are throttled alike', async () => {
    const { policy } = setup({ throttle: { maxFailures: 2 } });
    for (const user of ['alice', 'ghost']) {
      expect(await policy.authenticate(request(user, 'x'))).toBeNull();
      expect(await policy.authenticate(request(user, 'y'))).toBeNull();
    }
    expect((await rejection(policy.authenticate(request('alice', 'pw')))).status).toBe(429);
    expect((await rejection(policy.authenticate(request('ghost', 'pw')))).status).toBe(429);
  });

  it('F-ERR-01 per address: failures over many usernames from one address throttle that address only', async () => {
    const { policy } = setup({ throttle: { maxFailures: 3, maxFailuresPerAddress: 5 } });
    const from = (address: string) => ({ clientAddress: address });
    for (let index = 0; index < 5; index++) {
      expect(await policy.authenticate(request(`user${index}`, 'guess'), from('198.51.100.7'))).toBeNull();
    }
    const error = await rejection(policy.authenticate(request('user99', 'guess'), from('198.51.100.7')));
    expect([error.status, error.errno]).toEqual([429, 117]);
    // Even a valid login without a cached proof, from that address.
    expect((await rejection(policy.authenticate(request('alice', 'pw'), from('198.51.100.7')))).status).toBe(
      429,
    );
    // Another address is not affected, nor are requests without an address.
    expect(await policy.authenticate(request('alice', 'pw'), from('203.0.113.1'))).toEqual({
      userId: 'alice',
    });
    expect(await policy.authenticate(request('user99', 'guess'))).toBeNull();
    // And now alice has a cached proof: the throttled address cannot stop her either.
    expect(await policy.authenticate(request('alice', 'pw'), from('198.51.100.7'))).toEqual({
      userId: 'alice',
    });
  });

  it("F-ERR-01 over HTTP: 429 in Kinto's error format with Retry-After; another user still gets 401", async () => {
    const { policy } = setup({ throttle: { maxFailures: 2 } });
    const app = createApi({
      backends: createMemoryBackends(),
      policies: [policy],
      clientAddress: (c) => c.req.header('X-Test-Peer'),
      extend: (v1) =>
        v1.get('/me', (c) => {
          if (c.get('caller').userId === null) throw unauthorized('Basic realm="Realm"');
          return c.json({ id: c.get('caller').userId });
        }),
    });
    const me = (user: string, password: string) =>
      app.request('/v1/me', {
        headers: { Authorization: basic(user, password), 'X-Test-Peer': '192.0.2.1' },
      });
    expect((await me('alice', 'x')).status).toBe(401);
    expect((await me('alice', 'y')).status).toBe(401);
    const throttled = await me('alice', 'z');
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({
      code: 429,
      errno: 117,
      error: 'Too Many Requests',
      message: 'Too many failed login attempts; retry after the delay in Retry-After.',
    });
    expect(Number(throttled.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect((await me('bob', 'wrong')).status).toBe(401);
    expect(await (await me('bob', 'bobpw')).json()).toEqual({ id: 'account:bob' });
  });

  it('F-AUTH-04 the same failed attempt repeated counts once (a retrying client, Basic Auth users behind account)', async () => {
    const { counter, policy } = setup({ throttle: { maxFailures: 2, maxFailuresPerAddress: 2 } });
    const from = { clientAddress: '192.0.2.8' };
    for (let index = 0; index < 20; index++) {
      expect(await policy.authenticate(request('basic-user', 'its-password'), from)).toBeNull();
    }
    expect(counter.calls).toBe(1);
    // One guess counted: the account and the address still have room for another.
    expect(await policy.authenticate(request('alice', 'pw'), from)).toEqual({ userId: 'alice' });
  });

  it('a limit of 0 disables that throttle', async () => {
    const { policy } = setup({ throttle: { maxFailures: 0, maxFailuresPerAddress: 0 } });
    for (let index = 0; index < 30; index++) {
      expect(await policy.authenticate(request('alice', 'x'), { clientAddress: '192.0.2.1' })).toBeNull();
    }
    expect(await policy.authenticate(request('alice', 'pw'), { clientAddress: '192.0.2.1' })).toEqual({
      userId: 'alice',
    });
  });

  it('counts with get + set on a cache without increment (third-party backends)', async () => {
    const { increment: _dropped, ...plain } = createMemoryCache();
    const { policy } = setup({ cache: plain as CacheBackend, throttle: { maxFailures: 2 } });
    expect(await policy.authenticate(request('alice', 'x'))).toBeNull();
    expect(await policy.authenticate(request('alice', 'y'))).toBeNull();
    expect((await rejection(policy.authenticate(request('alice', 'z')))).status).toBe(429);
  });

  it('F-OPS-03 a failing cache never locks anyone out nor turns a login into a 503: throttling is skipped', async () => {
    const memory = createMemoryCache();
    let down = false;
    const failing =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        down ? Promise.reject(new BackendError('Redis cache get failed: ECONNREFUSED')) : call(...args);
    const cache: CacheBackend = {
      ...memory,
      get: failing(memory.get),
      set: failing(memory.set),
      ttl: failing(memory.ttl),
      expire: failing(memory.expire),
      increment: failing(memory.increment as NonNullable<CacheBackend['increment']>),
    };
    const errors: BackendError[] = [];
    const { policy } = setup({
      cache,
      throttle: { maxFailures: 2 },
      onCacheError: (error) => errors.push(error),
    });
    expect(await policy.authenticate(request('alice', 'x'))).toBeNull();
    expect(await policy.authenticate(request('alice', 'y'))).toBeNull();
    down = true;
    // The counter says "locked", but it cannot be read: the login goes through bcrypt and succeeds.
    expect(await policy.authenticate(request('alice', 'pw'))).toEqual({ userId: 'alice' });
    expect(await policy.authenticate(request('alice', 'nope'))).toBeNull();
    expect(errors.length).toBeGreaterThan(0);
    down = false;
    // Back up: the failures counted while up still apply.
    expect((await rejection(policy.authenticate(request('alice', 'pw')))).status).toBe(429);
  });

  it('refuses invalid limits at construction', () => {
    const cache = createMemoryCache();
    expect(() => createLoginThrottle({ cache, hmacSecret: '', limits: { maxFailures: -1 } })).toThrow(
      RangeError,
    );
    expect(() =>
      createLoginThrottle({ cache, hmacSecret: '', limits: { maxFailuresPerAddress: 1.5 } }),
    ).toThrow(RangeError);
    expect(() => createLoginThrottle({ cache, hmacSecret: '', limits: { windowSeconds: 0 } })).toThrow(
      RangeError,
    );
  });

  it('keeps neither usernames nor addresses in the cache', async () => {
    const keys: string[] = [];
    const memory = createMemoryCache();
    const cache: CacheBackend = {
      ...memory,
      increment: async (key, ttl) => {
        keys.push(key);
        return (memory.increment as NonNullable<CacheBackend['increment']>)(key, ttl);
      },
    };
    const { policy } = setup({ cache });
    await policy.authenticate(request('alice', 'x'), { clientAddress: '192.0.2.1' });
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(fakeBcrypt('x')).toMatch(/^\$2b\$04\$/);
  });
});
