import { migrate } from '@core/storage-postgres';
import postgres from 'postgres';

export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** A fresh database, migrated with `@core/storage-postgres` (the schema both PostgreSQL subjects use). */
export interface FreshDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createFreshDatabase(label: string): Promise<FreshDatabase> {
  const name = `bench_${label}_${crypto.randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(sql);
  } finally {
    await sql.end();
  }
  return {
    name,
    url,
    async drop() {
      const cleanup = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
