import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../src/migrations.ts';
import { clientFor, freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('migrations') : '';

describe.skipIf(!available)('migrate', () => {
  it('is idempotent, also when run concurrently', async () => {
    const sql = clientFor(schema, { max: 4 });
    try {
      const runs = await Promise.all([migrate(sql), migrate(sql), migrate(sql)]);
      expect(runs).toEqual(runs.map(() => ({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, pending: 0 })));
      const tables = await sql.unsafe(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1::text ORDER BY table_name`,
        [schema],
      );
      expect(tables.map((row) => row.table_name)).toEqual([
        'access_control_entries',
        'objects',
        'storage_postgres_schema',
        'timestamps',
        'user_principals',
      ]);
    } finally {
      await sql.end();
    }
  });

  it('migrates an empty schema from version 0', async () => {
    const empty = `${schema}_empty`;
    const sql = clientFor(empty, { max: 1 });
    try {
      await sql.unsafe(`CREATE SCHEMA "${empty}"`);
      expect(await migrate(sql, { dryRun: true })).toEqual({ from: 0, to: 0, pending: SCHEMA_VERSION });
      expect(await migrate(sql)).toEqual({ from: 0, to: SCHEMA_VERSION, pending: 0 });
    } finally {
      await sql.unsafe(`DROP SCHEMA IF EXISTS "${empty}" CASCADE`);
      await sql.end();
    }
  });

  it('refuses, changing nothing, a schema newer than the code', async () => {
    const sql = clientFor(schema, { max: 1 });
    try {
      await sql.unsafe('UPDATE storage_postgres_schema SET version = $1::text::integer', [
        String(SCHEMA_VERSION + 1),
      ]);
      await expect(migrate(sql)).rejects.toThrow(/newer than the .* this code supports/);
      await expect(migrate(sql, { dryRun: true })).rejects.toThrow(/refusing to start/);
      const [row] = await sql.unsafe('SELECT version FROM storage_postgres_schema');
      expect(row?.version).toBe(SCHEMA_VERSION + 1);
    } finally {
      await sql.unsafe('UPDATE storage_postgres_schema SET version = $1::text::integer', [
        String(SCHEMA_VERSION),
      ]);
      await sql.end();
    }
  });
});
