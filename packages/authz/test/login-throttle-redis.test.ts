import { createRedisCache } from '@core/cache-redis';
import { type CacheBackend, type HttpError, isCoreError } from '@core/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsPolicyOptions, createAccountsPolicy } from '../src/auth/accounts-policy.ts';
import { hmacSha256Hex } from '../src/auth/hmac.ts';
import { fakeAccounts } from '../src/testing/fake-accounts.ts';
import { basic } from '../src/testing/kinto-app.ts';

// A real Redis (no mock): REDIS_URL or the machine's default server, as in @core/cache-redis' tests.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const verdicts = process.env.CORE_TEST_SERVICES;
const redisUp: boolean = verdicts ? JSON.parse(verdicts).redis.up : true;
const describeWithRedis = redisUp || process.env.CI === 'true' ? describe : describe.skip;

const request = (user: string, password: string) =>
  new Request('http://localhost/v1/', { headers: { Authorization: basic(user, password) } });

async function status(call: Promise<unknown>): Promise<number | 'ok' | 'null'> {
  try {
    return (await call) === null ? 'null' : 'ok';
  } catch (error) {
    if (isCoreError(error, 'HTTP_ERROR')) return (error as HttpError).status;
    throw error;
  }
}

describeWithRedis('login throttling over a real Redis (issue 12, item 6)', () => {
  const prefix = `authz-throttle-${process.pid}-${Date.now()}:`;
  const clients: Redis[] = [];
  const client = () => {
    const made = new Redis(REDIS_URL, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    made.on('error', () => {});
    clients.push(made);
    return made;
  };
  /** A server instance: its own Redis connection, the shared prefix, its own policy. */
  const instance = (overrides: Partial<AccountsPolicyOptions> = {}) => {
    const fake = fakeAccounts();
    fake.accounts.set('alice', { password: 'hash:pw' });
    const connection = client();
    const cache: CacheBackend = createRedisCache({ client: connection, prefix });
    const policy = createAccountsPolicy({
      lookup: fake.lookup,
      cache,
      hmacSecret: 'shared-secret',
      hash: fake.hash,
      hashPassword: fake.hashPassword,
      throttle: { maxFailures: 4, windowSeconds: 60 },
      onCacheError: () => {},
      ...overrides,
    });
    return { cache, connection, policy, ...fake };
  };

  beforeAll(async () => {
    await client().ping();
  });
  afterAll(async () => {
    const cleaner = client();
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    for (const each of clients) each.disconnect();
  });

  it('F-ERR-01 two instances share the failure counters: the limit spans them, counted atomically', async () => {
    const a = instance();
    const b = instance();
    // 4 failures at once, split over both instances: none is lost (INCR, not get + set).
    const outcomes = await Promise.all([
      status(a.policy.authenticate(request('alice', 'w1'))),
      status(b.policy.authenticate(request('alice', 'w2'))),
      status(a.policy.authenticate(request('alice', 'w3'))),
      status(b.policy.authenticate(request('alice', 'w4'))),
    ]);
    expect(outcomes).toEqual(['null', 'null', 'null', 'null']);
    const key = await hmacSha256Hex('shared-secret', 'login-failures:account:alice');
    expect(await a.cache.get(key)).toBe(4);
    const ttl = await a.cache.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    // Either instance now throttles alice, even with the right password (no cached proof).
    expect(await status(a.policy.authenticate(request('alice', 'pw')))).toBe(429);
    expect(await status(b.policy.authenticate(request('alice', 'w5')))).toBe(429);
    expect(await a.cache.get(key)).toBe(4);
  });

  it('F-OPS-03 Redis down: no 503 and no lockout — logins go through bcrypt, throttling is skipped', async () => {
    // A server nobody listens on: every cache call fails with BackendError.
    const dead = new Redis({
      host: '127.0.0.1',
      port: 1,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    dead.on('error', () => {});
    const errors: unknown[] = [];
    const down = instance({
      cache: createRedisCache({ client: dead, prefix }),
      throttle: { maxFailures: 2, maxFailuresPerAddress: 2 },
      onCacheError: (error) => errors.push(error),
    });
    const from = { clientAddress: '192.0.2.44' };
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(await status(down.policy.authenticate(request('alice', `wrong${attempt}`), from))).toBe('null');
    }
    expect(await status(down.policy.authenticate(request('alice', 'pw'), from))).toBe('ok');
    expect(errors.length).toBeGreaterThan(0);
    dead.disconnect();
  });

  it('F-OPS-03 Redis lost after a lockout: the owner gets in again, nobody gets a 503', async () => {
    // Another secret: counters apart from the first case's (same prefix, other keys).
    const up = instance({ throttle: { maxFailures: 2 }, hmacSecret: 'another-secret' });
    await up.policy.authenticate(request('alice', 'x'));
    await up.policy.authenticate(request('alice', 'y'));
    expect(await status(up.policy.authenticate(request('alice', 'pw')))).toBe(429);
    up.connection.disconnect();
    expect(await status(up.policy.authenticate(request('alice', 'pw')))).toBe('ok');
    expect(await status(up.policy.authenticate(request('alice', 'z')))).toBe('null');
  });
});
