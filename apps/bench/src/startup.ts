import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFreshDatabase } from './database.ts';
import { startKinto, writeIni } from './kinto-subject.ts';
import type { Backend } from './options.ts';
import { deleteRedisKeys } from './redis-cleanup.ts';

/** `kinto start` from spawn to the first 200 on `/v1/__heartbeat__`, and its RSS at rest. */
export interface StartupResult {
  readonly backend: Backend;
  /** Each run's milliseconds to ready. */
  readonly readyMs: readonly number[];
  /** Each run's resident set size after 2 s at rest, MiB. */
  readonly rssMiB: readonly number[];
}

const RUNS = 3;
const REST_MS = 2_000;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function measureStartup(backend: Backend): Promise<StartupResult> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const database = backend === 'postgres' ? await createFreshDatabase('startup') : undefined;
  const readyMs: number[] = [];
  const rssMiB: number[] = [];
  try {
    const ini = writeIni(folder, database);
    for (let run = 0; run < RUNS; run++) {
      const server = await startKinto(ini, '/dev/null');
      readyMs.push(Math.round(server.readyMs));
      await new Promise((resolve) => setTimeout(resolve, REST_MS));
      rssMiB.push(Math.round((server.rss() / 2 ** 20) * 10) / 10);
      await server.stop();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
    if (database) {
      await database.drop();
      await deleteRedisKeys(database.name);
    }
  }
  return { backend, readyMs, rssMiB };
}
