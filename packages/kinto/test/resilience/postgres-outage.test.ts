import { afterEach, describe, expect, it } from 'vitest';
import { migrateCommand } from '../../src/node/commands.ts';
import { basic } from '../e2e/helpers.ts';
import { POSTGRES_URL } from '../e2e/production.ts';
import { requestJson as call, type JsonAnswer } from '../faults/client.ts';
import { createTestDatabase, type TestDatabase } from '../faults/databases.ts';
import { freePort, type KintoCli, startKintoCli, waitFor } from '../faults/kinto-cli.ts';
import { startLoad } from '../faults/load.ts';
import { onPostgres, postgresUp } from './support.ts';

// Issue 12, items 1, 2 and 8, against `kinto start` itself on the shared PostgreSQL: only this
// file's own databases and connections (found by their application_name) are touched. Bounds are
// generous ("answered before"): what they guard against took tens of seconds or ended the process.

const available = await postgresUp();
const AUTH = basic('alice', 'secret');
const RECORDS = '/v1/buckets/faults/collections/c/records';
const GENEROUS_MS = 5_000;

let server: KintoCli | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await server?.kill();
  await database?.drop();
  server = undefined;
  database = undefined;
});

async function seedCollection(origin: string): Promise<void> {
  expect((await call(origin, 'PUT', '/v1/buckets/faults', AUTH)).status).toBe(201);
  expect((await call(origin, 'PUT', '/v1/buckets/faults/collections/c', AUTH)).status).toBe(201);
}

function expectServiceUnavailable(answer: JsonAnswer) {
  expect(answer.status).toBe(503);
  expect(answer.body.errno).toBe(201);
  expect(answer.headers.get('retry-after')).toBe('3');
}

describe.skipIf(!available)('kinto start on PostgreSQL under faults (issue 12)', () => {
  it('F-OPS-03 F-OPS-02 item 1: its PostgreSQL connections killed under write load, the process keeps serving: 201 or 503 + Retry-After, then 201 again; every acknowledged write is stored', async () => {
    database = await createTestDatabase(POSTGRES_URL);
    server = await startKintoCli(onPostgres(database.url));
    await seedCollection(server.origin);
    const load = startLoad({
      origin: server.origin,
      records: RECORDS,
      writers: Array.from({ length: 6 }, () => ({ auth: AUTH })),
      tag: 'kill',
    });
    await waitFor('writes before the kills', async () => load.acknowledged.size >= 30, 30_000);
    let killed = 0;
    for (let round = 0; round < 3; round++) {
      killed += await database.killConnections();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const afterKills = load.acknowledged.size;
    await waitFor('writes after the kills', async () => load.acknowledged.size >= afterKills + 30, 30_000);
    await load.stop();

    expect(killed, 'connections killed').toBeGreaterThan(0);
    expect(server.exited(), server.stderr()).toBeUndefined();
    const unexpected = load.outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 503);
    expect(unexpected).toEqual([]);
    for (const outcome of load.outcomes.filter((outcome) => outcome.status === 503)) {
      expect([outcome.errno, outcome.retryAfter]).toEqual([201, '3']);
    }
    // The fix is in the driver: the process safety net had nothing to catch.
    expect(server.warnings().filter((line) => String(line.msg).includes('safety net'))).toEqual([]);
    for (const [id, data] of load.acknowledged) {
      const stored = await call(server.origin, 'GET', `${RECORDS}/${id}`, AUTH);
      expect([
        stored.status,
        stored.body.data && { ...(stored.body.data as object), id: undefined, last_modified: undefined },
      ]).toEqual([200, { ...data, id: undefined, last_modified: undefined }]);
    }
  });

  it('F-OPS-03 F-OPS-02 F-UTL-02 item 2: while PostgreSQL is unreachable, requests answer 503 + Retry-After at once and the heartbeat says storage false', async () => {
    const port = await freePort();
    server = await startKintoCli({
      ...onPostgres(`postgres://postgres@127.0.0.1:${port}/nowhere`),
      heartbeat_timeout_seconds: 3,
    });
    const started = performance.now();
    // More requests than the pool has connections (25): each never-used connection of postgres.js
    // 3.4 tried at once, then every request waited for a reconnection attempt, up to 20 s apart.
    for (let request = 0; request < 40; request++) {
      expectServiceUnavailable(await call(server.origin, 'PUT', `/v1/buckets/b${request}`, AUTH));
    }
    expect(performance.now() - started).toBeLessThan(GENEROUS_MS);
    const asked = performance.now();
    const heartbeat = await call(server.origin, 'GET', '/v1/__heartbeat__', undefined);
    expect([heartbeat.status, heartbeat.body.storage, heartbeat.body.permission]).toEqual([
      503,
      false,
      false,
    ]);
    expect(performance.now() - asked).toBeLessThan(3_000 + GENEROUS_MS);
    expect(server.stderr()).toMatch(
      /Warning: storage backend \(postgresql\) cannot serve yet: .*ECONNREFUSED/,
    );
  });

  it('F-UTL-02 F-OPS-03 item 8: an unmigrated database is reported at start-up and by the heartbeat, writes answer 503 naming `kinto migrate`; migrating fixes it without a restart', async () => {
    database = await createTestDatabase(POSTGRES_URL, { migrated: false });
    server = await startKintoCli(onPostgres(database.url));
    const heartbeat = await call(server.origin, 'GET', '/v1/__heartbeat__', undefined);
    expect([heartbeat.status, heartbeat.body.storage, heartbeat.body.permission]).toEqual([
      503,
      false,
      false,
    ]);
    const needsMigrate = /PostgreSQL schema at version 0, this code needs \d+: run `kinto migrate`/;
    expect(server.stderr()).toMatch(
      new RegExp(`Warning: storage backend \\(postgresql\\) cannot serve yet: ${needsMigrate.source}`),
    );
    expect(server.warnings().some((line) => line.level === 40 && needsMigrate.test(String(line.msg)))).toBe(
      true,
    );
    expectServiceUnavailable(await call(server.origin, 'PUT', '/v1/buckets/b', AUTH));
    await waitFor(
      'the logged cause of the 503',
      async () =>
        server?.warnings().some((line) => /not migrated.*run `kinto migrate`/.test(String(line.msg))) ??
        false,
      GENEROUS_MS,
    );

    const printed: string[] = [];
    await expect(
      migrateCommand({ iniPath: server.iniPath, dryRun: true }, (line) => printed.push(line)),
    ).rejects.toThrow(/not up to date: run `kinto migrate`/);
    expect(printed.some((line) => needsMigrate.test(line))).toBe(true);
    await migrateCommand({ iniPath: server.iniPath }, () => {});

    const healthy = await call(server.origin, 'GET', '/v1/__heartbeat__', undefined);
    expect([healthy.status, healthy.body.storage, healthy.body.permission]).toEqual([200, true, true]);
    expect((await call(server.origin, 'PUT', '/v1/buckets/b', AUTH)).status).toBe(201);
  });
});
