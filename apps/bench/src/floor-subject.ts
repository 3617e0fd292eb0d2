import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFreshDatabase } from './database.ts';
import { APP_DIR, floorEntry } from './kinto-paths.ts';
import type { Backend } from './options.ts';
import type { TaskRecord } from './records.ts';
import { seedRecordsSql } from './seed-sql.ts';
import { freePort, startServerProcess } from './server-process.ts';
import { type RunningSubject, startSubject } from './subject.ts';

/** The floor on `backend`, seeded with the same records (its own fresh database on PostgreSQL). */
export async function startFloorSubject(
  backend: Backend,
  records: readonly TaskRecord[],
  filters: 'mirror' | 'exact' = 'mirror',
): Promise<RunningSubject> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const database = backend === 'postgres' ? await createFreshDatabase('floor') : undefined;
  const cleanup = async () => {
    rmSync(folder, { recursive: true, force: true });
    await database?.drop();
  };
  return startSubject({
    ids: records.map((record) => record.id!),
    cleanup,
    async launch() {
      const port = await freePort();
      const env: Record<string, string> = { FLOOR_PORT: String(port) };
      if (database) {
        await seedRecordsSql(database.url, records);
        env.FLOOR_DATABASE_URL = database.url;
        env.FLOOR_FILTERS = filters;
      } else {
        const first = Date.now() - records.length - 1_000;
        const stored = records.map((record, i) => ({ ...record, last_modified: first + i }));
        env.FLOOR_SEED = join(folder, 'seed.json');
        writeFileSync(env.FLOOR_SEED, JSON.stringify(stored));
      }
      return startServerProcess({
        name: `floor-${backend}`,
        args: [floorEntry(backend === 'postgres' ? 'postgres-main' : 'memory-main')],
        env,
        cwd: APP_DIR,
        port,
        readyPath: '/v1/__heartbeat__',
        stdout: '/dev/null',
      });
    },
  });
}
