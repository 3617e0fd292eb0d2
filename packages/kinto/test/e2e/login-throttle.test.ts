import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startKintoServer } from '../../src/node/start-server.ts';
import { silentLogger } from './helpers.ts';

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

/** issue 12, item 6: a real server on a random port, real HTTP, the bcrypt worker pool. */
describe('login throttling of the Kinto server (real HTTP)', () => {
  let server: RunningServer;
  const call = async (method: string, path: string, authorization?: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(authorization ? { Authorization: authorization } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, headers: response.headers, json: await response.json() };
  };

  beforeAll(async () => {
    server = await startKintoServer({
      env: {},
      overrides: {
        http_port: 0,
        bind_host: '127.0.0.1',
        userid_hmac_secret: 'e2e-throttle',
        account_login_max_failures: 3,
        account_login_max_failures_per_address: 20,
        account_login_failure_window_seconds: 120,
      },
      logger: silentLogger(),
    });
    for (const [user, password] of [
      ['alice', 'alice-pw'],
      ['bob', 'bob-pw'],
    ]) {
      expect((await call('PUT', `accounts/${user}`, undefined, { data: { password } })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('F-ERR-01 failures → 429 errno 117 + Retry-After; the owner with a recent login and other users are unaffected', async () => {
    // alice logs in (the password hashed at sign-up verifies through the worker pool).
    const hello = await call('GET', '', basic('alice', 'alice-pw'));
    expect(hello.json.user.id).toBe('account:alice');
    // An attacker guesses alice's password.
    for (const guess of ['a', 'b', 'c']) {
      expect((await call('GET', 'buckets', basic('alice', guess))).status).toBe(401);
    }
    const throttled = await call('GET', 'buckets', basic('alice', 'd'));
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual({
      code: 429,
      errno: 117,
      error: 'Too Many Requests',
      message: expect.any(String),
    });
    const retryAfter = Number(throttled.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    // alice herself, whose proof is cached, keeps working.
    expect((await call('GET', '', basic('alice', 'alice-pw'))).json.user.id).toBe('account:alice');
    // bob is unaffected: his hello answers, a wrong password is a plain 401.
    expect((await call('GET', '', basic('bob', 'bob-pw'))).json.user.id).toBe('account:bob');
    expect((await call('GET', 'buckets', basic('bob', 'wrong'))).status).toBe(401);
  });

  it('F-ERR-01 per address: guesses over many usernames from one address end in 429', async () => {
    // 20 per address in the window; 4 failures were counted above (alice 3, bob 1).
    const statuses: number[] = [];
    for (let index = 0; index < 20; index++) {
      statuses.push((await call('GET', 'buckets', basic(`spray${index}`, 'Password1'))).status);
    }
    expect(statuses.slice(0, 16).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(16).every((status) => status === 429)).toBe(true);
    // bob logged in above: his cached proof still works from this address.
    expect((await call('GET', '', basic('bob', 'bob-pw'))).json.user.id).toBe('account:bob');
  });
});
