import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../e2e/helpers.ts';
import { mustJson, requestJson } from './client.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { runFuzzPass } from './fuzz-pass.ts';
import { type KintoCli, startKintoCli, waitFor } from './kinto-cli.ts';
import { type Load, startLoad } from './load.ts';
import {
  FAIL_FAST_BOUND_MS,
  type Fault,
  latencies,
  problemOf,
  quantile,
  RECOVERY_BOUND_MS,
  recoveryMs,
} from './measures.ts';
import { canCreatePostgres, createPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';
import { canCreateRedis, createPrivateRedis, type PrivateRedis } from './private-redis.ts';
import { runSeed } from './prng.ts';
import { type Figures, printReport } from './report.ts';

// `pnpm test:faults` (issue 12): `kinto start` on a PostgreSQL and a Redis of this suite's own
// (initdb in a temporary folder, redis-server on a free port — restarting them disturbs nothing
// else), under write load from real HTTP clients, through: its PostgreSQL connections killed three
// times, Redis stopped and started, PostgreSQL stopped for 3 s and started, the server stopped with
// SIGTERM and started again. Then everything acknowledged is read back, and a seeded fuzz pass runs
// against PostgreSQL. It prints the figures and fails on any crash, acknowledged write lost,
// unexpected 5xx (or 503 outside an outage, or hang), recovery ≥ 2 s or fail-fast ≥ 1 s.
//
// Why the two timing bounds do not flake on a loaded 2-core machine: they are the acceptance
// bounds, far above what the design needs. Fail-fast is one refused connection attempt (a few
// milliseconds; the pool then refuses at once) — the bound is over 20 times the expected worst
// case. Recovery is at most the 0.5 s reconnection delay plus one connection — the bound is 3 times
// that. Both are measured on the client (request sent → answer received), so a stall of the test
// process inflates them too; only a stall of most of a second would fail them, which is worth
// looking at anyway. The fault windows that excuse a 503 are [fault, dependency back + 2 s].

const SEED = runSeed();
const FUZZ_REQUESTS = Number(process.env.FAULTS_FUZZ_REQUESTS ?? 600);
const WRITERS = 8;
const ADMIN = basic('faults-admin', 'secret');
const BUCKET = '/v1/buckets/faults';
const RECORDS = `${BUCKET}/collections/c/records`;
const available = canCreatePostgres() && canCreateRedis();
if (!available) {
  const message = 'test:faults needs initdb/pg_ctl (PostgreSQL 15+) and redis-server on this machine';
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a missing server is a failure)`);
  console.warn(`\n!!!!!!!!!! ${message}: SKIPPING\n`);
}

let pg: PrivatePostgres | undefined;
let redis: PrivateRedis | undefined;
let database: TestDatabase | undefined;
const servers: KintoCli[] = [];
let load: Load | undefined;
const faults: Fault[] = [];
const figures: Figures = {
  crashes: [],
  lost: [],
  unexpected: [],
  failFast: [],
  pgRecoveryMs: Number.NaN,
  fuzz: { sent: 0, statuses: new Map(), problems: [] },
};

const pause = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
const current = () => servers.at(-1) as KintoCli;
const json = (method: string, path: string, auth: string | undefined, body?: unknown) =>
  requestJson(current().origin, method, path, auth, body);
const must = (method: string, path: string, auth: string | undefined, body?: unknown) =>
  mustJson(current().origin, method, path, auth, body);

/** Lets the load run until `count` more writes are acknowledged (bounded). */
async function moreWrites(count: number, what: string): Promise<void> {
  const target = (load?.acknowledged.size ?? 0) + count;
  await waitFor(what, async () => (load?.acknowledged.size ?? 0) >= target, 60_000);
}

/**
 * After a fault: 100 more acknowledged writes, and past its outage window (back + 2 s) with half a
 * second to spare, so that the next fault's window does not overlap it and any 503 between them counts
 * as unexpected.
 */
async function settle(fault: Fault): Promise<void> {
  faults.push(fault);
  await moreWrites(100, `writes after "${fault.name}"`);
  const quietUntil = fault.back + RECOVERY_BOUND_MS + 500;
  if (performance.now() < quietUntil) await pause(quietUntil - performance.now());
}

async function startServer(settings: Record<string, unknown>): Promise<KintoCli> {
  const server = await startKintoCli(settings);
  servers.push(server);
  return server;
}

/** Every acknowledged write, read back from the current server by listing the collection. */
async function rereadAcknowledged(): Promise<string[]> {
  const stored = new Map<string, Record<string, unknown>>();
  let next: string | null = `${RECORDS}?_limit=5000`;
  while (next) {
    const page = await must('GET', next, ADMIN);
    for (const record of page.body.data as Record<string, unknown>[]) stored.set(String(record.id), record);
    const link = page.headers.get('next-page');
    next = link ? link.replace(/^https?:\/\/[^/]+/, '') : null;
  }
  const lost: string[] = [];
  for (const [id, data] of load?.acknowledged ?? []) {
    const record = stored.get(id);
    const { id: _id, last_modified: _lm, ...kept } = record ?? {};
    if (!record || !isDeepStrictEqual(kept, data)) {
      lost.push(`${id}: sent ${JSON.stringify(data)}, stored ${record ? JSON.stringify(kept) : 'nothing'}`);
    }
  }
  return lost;
}

beforeAll(async () => {
  if (!available) return;
  const started = performance.now();
  console.log(`test:faults seed ${SEED} (FAULTS_SEED=${SEED} replays this run)`);
  [pg, redis] = await Promise.all([createPrivatePostgres(), createPrivateRedis()]);
  database = await createTestDatabase(pg.adminUrl);
  const settings = {
    storage_backend: '@core/storage-postgres',
    storage_url: database.url,
    permission_backend: '@core/storage-postgres',
    permission_url: database.url,
    cache_backend: '@core/cache-redis',
    cache_url: redis.url,
    includes: 'kinto.plugins.accounts',
    'multiauth.policies': 'account basicauth',
    account_create_principals: 'system.Everyone',
    userid_hmac_secret: 'faults',
  };
  await startServer(settings);
  await must('PUT', BUCKET, ADMIN, { permissions: { write: ['system.Authenticated'] } });
  await must('PUT', `${BUCKET}/collections/c`, ADMIN);
  const writers = [];
  for (let index = 0; index < WRITERS; index++) {
    if (index % 2 === 0) {
      writers.push({ auth: basic(`writer${index}`, 'secret') });
    } else {
      await must('PUT', `/v1/accounts/account${index}`, undefined, { data: { password: 'secret' } });
      writers.push({ auth: basic(`account${index}`, 'secret') });
    }
  }
  load = startLoad({ origin: current().origin, records: RECORDS, writers, tag: `s${SEED}` });
  try {
    await moreWrites(100, 'writes before any fault');

    // 1. The server's PostgreSQL connections killed three times under load.
    const killStart = performance.now();
    for (let round = 0; round < 3; round++) {
      await database.killConnections();
      await pause(300);
    }
    await settle({ name: 'PostgreSQL connections killed ×3', start: killStart, back: performance.now() });

    // 2. Redis stopped for 2 s, then started.
    const redisStart = performance.now();
    await redis.stop();
    await pause(2_000);
    await redis.start();
    await settle({ name: 'Redis stopped 2 s, started', start: redisStart, back: performance.now() });

    // 3. PostgreSQL stopped for 3 s, then started.
    const pgStart = performance.now();
    await pg.stop();
    const downAt = performance.now();
    await pause(1_000);
    const heartbeatStarted = performance.now();
    const heartbeat = await json('GET', '/v1/__heartbeat__', undefined);
    figures.heartbeatDown = {
      status: heartbeat.status,
      body: JSON.stringify(heartbeat.body),
      ms: performance.now() - heartbeatStarted,
    };
    await pause(2_000);
    const upCalled = performance.now();
    const back = await pg.start();
    await settle({ name: 'PostgreSQL stopped 3 s, started', start: pgStart, back });
    figures.failFast = latencies(load.outcomes, downAt, upCalled);
    figures.pgRecoveryMs = recoveryMs(load.outcomes, back, performance.now());
    const healthy = await json('GET', '/v1/__heartbeat__', undefined);
    figures.heartbeatUp = { status: healthy.status, body: JSON.stringify(healthy.body) };

    // 4. SIGTERM under load, then a new server on the same database.
    const sigtermStart = performance.now();
    const stopping = current();
    stopping.signal('SIGTERM');
    const code = await Promise.race([stopping.ended(), pause(60_000).then(() => 'still running' as const)]);
    figures.sigtermExit = {
      code: code === 'still running' ? -1 : code,
      ms: performance.now() - sigtermStart,
    };
    await startServer(settings);
    load.retarget(current().origin);
    await settle({
      name: 'SIGTERM, server started again',
      start: sigtermStart,
      back: performance.now(),
      serverDown: true,
    });
  } catch (error) {
    // Still count and print what happened: a crash shows up in the figures, not only as this.
    figures.aborted = `the faults stopped early: ${String(error)}`;
  } finally {
    await load.stop();
  }

  for (const outcome of load.outcomes) {
    const problem = problemOf(outcome, faults);
    if (problem) figures.unexpected.push(`${outcome.id}: ${problem}`);
  }
  try {
    figures.lost.push(...(await rereadAcknowledged()));
    figures.fuzz = await runFuzzPass({
      origin: current().origin,
      bucket: BUCKET,
      auth: ADMIN,
      seed: SEED,
      count: FUZZ_REQUESTS,
    });
    if (current().exited() !== undefined)
      figures.fuzz.problems.push(`the server ended during the fuzz pass: ${current().exited()}`);
    figures.lost.push(...(await rereadAcknowledged()).map((line) => `after the fuzz pass: ${line}`));
  } catch (error) {
    figures.aborted ??= `the re-read or the fuzz pass stopped early: ${String(error)}`;
  }

  for (const [index, server] of servers.entries()) {
    const last = index === servers.length - 1;
    const reason = server.exited();
    if (last ? reason !== undefined : figures.sigtermExit?.code !== 0) {
      figures.crashes.push(`server ${index + 1} ended: ${reason}\n${server.stderr()}`);
    }
    for (const line of server.warnings()) {
      if (String(line.msg).includes('process safety net'))
        figures.crashes.push(`server ${index + 1}: ${line.msg}`);
    }
  }
  printReport({
    seed: SEED,
    seconds: (performance.now() - started) / 1000,
    faults,
    outcomes: load.outcomes,
    acknowledged: load.acknowledged.size,
    figures,
  });
}, 600_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.kill()));
  await database?.drop().catch(() => undefined);
  await redis?.stop();
  await pg?.destroy();
}, 120_000);

describe.skipIf(!available)(
  'test:faults: kinto start on its own PostgreSQL and Redis under faults (issue 12)',
  () => {
    it('F-OPS-03 the whole run went through: every fault, the re-reads and the fuzz pass', () => {
      expect(figures.aborted).toBeUndefined();
    });

    it('F-OPS-03 no crash: the server process never died, and its safety net caught nothing', () => {
      expect(figures.crashes).toEqual([]);
    });

    it('F-TK-TX F-TK-STO-01 no acknowledged write lost: every 2xx write reads back as sent, after all faults and the fuzz pass', () => {
      expect(load?.acknowledged.size).toBeGreaterThan(400);
      expect(figures.lost).toEqual([]);
    });

    it('F-OPS-03 F-OPS-02 no unexpected answer: 503 (errno 201, Retry-After) only during an outage, no other 5xx, no hang', () => {
      expect(figures.unexpected).toEqual([]);
    });

    it('F-OPS-03 fail-fast: while PostgreSQL is stopped, requests answer 503 in under 1 s', () => {
      expect(figures.failFast.length).toBeGreaterThan(10);
      expect(quantile(figures.failFast, 1)).toBeLessThan(FAIL_FAST_BOUND_MS);
    });

    it('F-OPS-03 recovery: writes succeed again within 2 s of PostgreSQL accepting connections', () => {
      expect(figures.pgRecoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
    });

    it('F-UTL-02 the heartbeat says storage false while PostgreSQL is stopped (within heartbeat_timeout_seconds), true after', () => {
      expect(figures.heartbeatDown?.status).toBe(503);
      expect(JSON.parse(figures.heartbeatDown?.body ?? '{}')).toMatchObject({
        storage: false,
        permission: false,
      });
      expect(figures.heartbeatDown?.ms).toBeLessThan(10_000);
      expect(figures.heartbeatUp?.status).toBe(200);
    });

    it('F-KIN-00 SIGTERM under load: the server exits 0 after answering what was in flight', () => {
      expect(figures.sigtermExit?.code).toBe(0);
    });

    it(`F-FLT-01 F-PAG-02 F-ERR-01 seeded fuzz pass on PostgreSQL (seed ${SEED}): every request answered, none with a 5xx`, () => {
      expect(figures.fuzz.sent).toBe(FUZZ_REQUESTS);
      expect(figures.fuzz.problems).toEqual([]);
    });
  },
);
