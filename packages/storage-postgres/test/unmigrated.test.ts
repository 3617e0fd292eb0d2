import { isCoreError } from '@core/contracts';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresBackends } from '../src/backends.ts';
import { SCHEMA_VERSION } from '../src/migrations.ts';
import { clientFor, POSTGRES_URL, postgresAvailable } from './support/postgres.ts';

// Item 8 of issue 12: an unmigrated database answered the heartbeat `true` while every write failed.

const available = await postgresAvailable();
const schema = `test_unmigrated_${Math.random().toString(36).slice(2, 10)}`;
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c' };

if (available) {
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE SCHEMA "${schema}"`);
  afterAll(async () => {
    await admin.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe.skipIf(!available)('an unmigrated database (issue 12, item 8)', () => {
  it('F-UTL-02 F-OPS-03 heartbeats are false, writes fail with BackendError naming `kinto migrate`, the dry run says so; migrating fixes all', async () => {
    const sql = clientFor(schema, { max: 2 });
    const { storage, permission } = createPostgresBackends({ sql });
    try {
      expect(await storage.heartbeat()).toBe(false);
      expect(await permission.heartbeat()).toBe(false);
      for (const error of [
        await rejection(storage.create(RECORDS, {})),
        await rejection(permission.addPrincipalToAce('/buckets/b', 'read', 'account:a')),
      ]) {
        expect(isCoreError(error, 'BACKEND_ERROR'), String(error)).toBe(true);
        expect(String(error)).toMatch(/not migrated.*run `kinto migrate`/);
      }
      const check = await rejection(storage.initializeSchema({ dryRun: true }));
      expect(isCoreError(check, 'BACKEND_ERROR'), String(check)).toBe(true);
      expect(String(check)).toMatch(
        new RegExp(`version 0, this code needs ${SCHEMA_VERSION}: run \`kinto migrate\``),
      );

      await storage.initializeSchema();
      expect(await storage.heartbeat()).toBe(true);
      expect(await permission.heartbeat()).toBe(true);
      await storage.initializeSchema({ dryRun: true });
      await permission.initializeSchema({ dryRun: true });
      expect((await storage.create(RECORDS, { id: 'a' })).id).toBe('a');

      // A schema one version behind: the heartbeat and the dry run report it too.
      await sql.unsafe('UPDATE storage_postgres_schema SET version = $1::text::integer', [
        String(SCHEMA_VERSION - 1),
      ]);
      expect(await storage.heartbeat()).toBe(false);
      expect(String(await rejection(permission.initializeSchema({ dryRun: true })))).toMatch(
        /run `kinto migrate`/,
      );
    } finally {
      await sql.end();
    }
  });
});
