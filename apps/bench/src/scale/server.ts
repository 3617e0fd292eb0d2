import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT, BUCKET, COLLECTION } from '../collection.ts';
import { createFreshDatabase, type FreshDatabase } from '../database.ts';
import { call } from '../http.ts';
import { startKinto, writeIni } from '../kinto-subject.ts';
import { deleteRedisKeys } from '../redis-cleanup.ts';
import type { ServerProcess } from '../server-process.ts';

/** The second account: it may read a share of the records through per-record `read` ACEs. */
export const READER = { id: 'reader', password: 'reader-s3cret-password' } as const;
export const READER_PRINCIPAL = `account:${READER.id}`;
export const READER_AUTHORIZATION = `Basic ${Buffer.from(`${READER.id}:${READER.password}`).toString('base64')}`;

/** `kinto start` (built dist, pinned) on a fresh migrated PostgreSQL database with the Redis cache. */
export interface ScaleServer {
  readonly server: ServerProcess;
  readonly database: FreshDatabase;
  /** Stops the server; unless `keep`, drops the database and deletes the cache keys. */
  stop(keep: boolean): Promise<void>;
}

/**
 * As `pnpm bench`'s PostgreSQL subject (`kinto init --backend postgresql`, a private cache prefix),
 * plus `server_timing_enabled` so every answer says how long the server spent on it.
 */
export async function startScaleServer(logFile: string): Promise<ScaleServer> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const database = await createFreshDatabase('scale');
  const cleanup = async (keep: boolean) => {
    rmSync(folder, { recursive: true, force: true });
    if (keep) return;
    await database.drop();
    await deleteRedisKeys(database.name);
  };
  try {
    const ini = writeIni(folder, database);
    appendFileSync(ini, 'kinto.server_timing_enabled = true\n');
    const server = await startKinto(ini, logFile);
    return {
      server,
      database,
      async stop(keep) {
        await server.stop();
        await cleanup(keep);
      },
    };
  } catch (error) {
    await cleanup(false);
    throw error;
  }
}

/** The owner's account, bucket and collection, and the reader's account, over HTTP. */
export async function createAccounts(origin: string): Promise<void> {
  for (const account of [ACCOUNT, READER]) {
    await call(
      origin,
      'PUT',
      `/v1/accounts/${account.id}`,
      { data: { password: account.password } },
      { anonymous: true },
    );
  }
  await call(origin, 'PUT', `/v1/buckets/${BUCKET}`);
  await call(origin, 'PUT', `/v1/buckets/${BUCKET}/collections/${COLLECTION}`);
}
