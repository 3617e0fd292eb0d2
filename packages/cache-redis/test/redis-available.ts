import { Redis } from 'ioredis';
import { describe, it } from 'vitest';

/** The Redis the tests use: `REDIS_URL`, or the machine's default server. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** `true` when `CI=true`: a missing server then fails the tests instead of skipping them. */
export const IN_CI = process.env.CI === 'true';

/**
 * The verdict of the run's one service check (scripts/test-services.ts, the root vitest global
 * setup), when the tests run under it; `undefined` when run another way (then probe here).
 */
function checkedOnce(service: 'postgres' | 'redis'): { up: boolean; reason: string } | undefined {
  const verdicts = process.env.CORE_TEST_SERVICES;
  return verdicts ? (JSON.parse(verdicts)[service] as { up: boolean; reason: string }) : undefined;
}

/** `true` when a Redis server answers `PING` at `url` (the run's one check when there is one). */
export async function redisAvailable(url: string = REDIS_URL): Promise<boolean> {
  const checked = url === REDIS_URL ? checkedOnce('redis') : undefined;
  if (checked !== undefined) return checked.up;
  const probe = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 5_000,
    commandTimeout: 5_000,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * `describe(name, body)` when `available`. Otherwise, under `CI=true`, a suite whose only test fails
 * with the reason; elsewhere a skipped suite and a loud warning.
 */
export function describeWhen(available: boolean, reason: string, name: string, body: () => void): void {
  if (available) {
    describe(name, body);
  } else if (IN_CI) {
    describe(name, () => {
      it(`cannot run: ${reason}`, () => {
        throw new Error(`${reason} — CI=true, so a missing server is a failure.`);
      });
    });
  } else {
    console.warn(
      `\n${'!'.repeat(78)}\n!! @core/cache-redis: SKIPPING "${name}": ${reason}.\n!! These tests run against a real server only (never mocks); set CI=true to make this a failure.\n${'!'.repeat(78)}\n`,
    );
    describe.skip(name, body);
  }
}

/** {@link describeWhen} for the Redis at {@link REDIS_URL}. */
export function describeWithRedis(available: boolean, name: string, body: () => void): void {
  describeWhen(available, `no Redis server answers at ${REDIS_URL}`, name, body);
}

/**
 * A key prefix no other test run uses. It holds no `:` nor glob character, so the Redis keys of
 * every cache whose prefix starts with it start with it too (see {@link deleteRunKeys}).
 */
export function runPrefix(label: string): string {
  return `cache-redis-test-${label}-${Math.random().toString(36).slice(2, 10)}-`;
}

/** Removes every Redis key of the caches whose prefix starts with `prefix` (a {@link runPrefix}). */
export async function deleteRunKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
