import { migrate } from '@core/storage-postgres';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { checkedOnce } from '../services.ts';

// Production backends for the end-to-end tests: a fresh PostgreSQL database (storage + permission)
// and a private Redis key prefix (cache), chosen through settings as a deployment would.

export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** Whether PostgreSQL and Redis both answer (the run's one check when there is one). */
export async function productionServersUp(): Promise<boolean> {
  const postgresChecked = checkedOnce('postgres');
  const redisChecked = checkedOnce('redis');
  if (postgresChecked !== undefined && redisChecked !== undefined)
    return postgresChecked.up && redisChecked.up;
  const admin = postgres(POSTGRES_URL, { max: 1, connect_timeout: 10, onnotice: () => {} });
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 10_000 });
  try {
    await admin`SELECT 1`;
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await admin.end({ timeout: 1 });
    redis.disconnect();
  }
}

/** Settings selecting a fresh, migrated database and a private cache prefix; `drop()` removes them. */
export async function productionBackends(): Promise<{
  settings: Record<string, unknown>;
  drop(): Promise<void>;
}> {
  const database = `kinto_e2e_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = POSTGRES_URL.replace(/\/[^/]*$/, `/${database}`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await migrate(sql);
  await sql.end();
  return {
    settings: {
      storage_backend: '@core/storage-postgres',
      storage_url: url,
      permission_backend: '@core/storage-postgres',
      permission_url: url,
      cache_backend: '@core/cache-redis',
      cache_url: REDIS_URL,
      cache_prefix: `${database}:`,
    },
    async drop() {
      const cleanup = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

const requested = process.env.KINTO_E2E_BACKENDS === 'postgres';
if (requested && !(await productionServersUp())) {
  // Never a silent downgrade to memory: the project exists to prove PostgreSQL + Redis.
  throw new Error(
    `KINTO_E2E_BACKENDS=postgres, but PostgreSQL (${POSTGRES_URL}) or Redis (${REDIS_URL}) is down: ` +
      "start them, or leave this project out (vitest --project '!kinto-on-postgres')",
  );
}

/** `true` when the e2e suite runs on PostgreSQL + Redis (the `kinto-on-postgres` project). */
export const ON_PRODUCTION_BACKENDS = requested;
