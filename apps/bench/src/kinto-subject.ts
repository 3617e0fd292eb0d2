import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT, BUCKET, COLLECTION, RECORDS_PATH } from './collection.ts';
import { createFreshDatabase, type FreshDatabase, REDIS_URL } from './database.ts';
import { call } from './http.ts';
import { APP_DIR, kintoCli } from './kinto-paths.ts';
import type { Backend } from './options.ts';
import type { TaskRecord } from './records.ts';
import { deleteRedisKeys } from './redis-cleanup.ts';
import { seedRecordsSql } from './seed-sql.ts';
import { freePort, type ServerProcess, startServerProcess } from './server-process.ts';
import { type RunningSubject, startSubject } from './subject.ts';

/** A `kinto.ini` as `kinto init` writes it (plus a private cache prefix on PostgreSQL). */
export function writeIni(folder: string, database: FreshDatabase | undefined): string {
  const ini = join(folder, 'kinto.ini');
  const args = database
    ? ['--backend', 'postgresql', '--database-url', database.url, '--redis-url', REDIS_URL]
    : ['--backend', 'memory'];
  const init = spawnSync(process.execPath, [kintoCli(), 'init', '--ini', ini, ...args], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`kinto init failed: ${init.stderr}`);
  if (database) appendFileSync(ini, `kinto.cache_prefix = ${database.name}:\n`);
  return ini;
}

/** `kinto start --ini <ini> --port <port>` from the built dist, pinned to the server core. */
export async function startKinto(ini: string, logFile: string): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    name: 'kinto',
    args: [kintoCli(), 'start', '--ini', ini, '--port', String(port)],
    cwd: APP_DIR,
    port,
    readyPath: '/v1/__heartbeat__',
    stdout: logFile,
  });
}

/** The account (anonymous sign-up), then its bucket and collection. */
async function createCollection(origin: string): Promise<void> {
  await call(
    origin,
    'PUT',
    `/v1/accounts/${ACCOUNT.id}`,
    { data: { password: ACCOUNT.password } },
    { anonymous: true },
  );
  await call(origin, 'PUT', `/v1/buckets/${BUCKET}`);
  await call(origin, 'PUT', `/v1/buckets/${BUCKET}/collections/${COLLECTION}`);
}

/** Records through `POST /batch`, 25 at a time, four batches in flight. */
async function seedOverHttp(origin: string, records: readonly TaskRecord[]): Promise<void> {
  const batches: TaskRecord[][] = [];
  for (let i = 0; i < records.length; i += 25) batches.push(records.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const defaults = { method: 'POST', path: RECORDS_PATH.slice(3) };
      await call(origin, 'POST', '/v1/batch', {
        defaults,
        requests: batch.map((data) => ({ body: { data } })),
      });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

/**
 * This server on `backend`, seeded with `records`: over HTTP on memory; on PostgreSQL, the account,
 * bucket and collection over HTTP and the records written in SQL as the backend stores them (10,000
 * creates over HTTP would take minutes there).
 */
export async function startKintoSubject(
  backend: Backend,
  records: readonly TaskRecord[],
  logFile: string,
): Promise<RunningSubject> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-kinto-'));
  const database = backend === 'postgres' ? await createFreshDatabase('kinto') : undefined;
  const cleanup = async () => {
    rmSync(folder, { recursive: true, force: true });
    if (database) {
      await database.drop();
      await deleteRedisKeys(database.name);
    }
  };
  return startSubject({
    ids: records.map((record) => record.id!),
    cleanup,
    launch: () => startKinto(writeIni(folder, database), logFile),
    async seed(server) {
      await createCollection(server.origin);
      if (database) await seedRecordsSql(database.url, records);
      else await seedOverHttp(server.origin, records);
    },
  });
}
