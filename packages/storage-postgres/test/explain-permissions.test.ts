import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPermission } from '../src/permission.ts';
import { planningClient } from './support/planning-client.ts';
import { freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('explain_acl') : '';
const LISTS = 100;
const PER_LIST = 1_000;
const collection = (n: number) => `/buckets/b/collections/c${n}`;

describe.skipIf(!available)('F-PERM-07 ACE clean-up on 100k ACEs (issue 23 item 2)', () => {
  let sql: Sql;
  let planOf: (call: () => Promise<unknown>) => Promise<string>;

  beforeAll(async () => {
    ({ sql, planOf } = planningClient(schema));
    // The owner's `write` on every record, a reader's `read` on every 100th.
    await sql.unsafe(
      `INSERT INTO access_control_entries (object_id, permission, principal)
       SELECT '/buckets/b/collections/c' || (n % ${LISTS}) || '/records/r' || n, 'write', 'account:owner'
       FROM generate_series(1, ${LISTS * PER_LIST}) AS n
       UNION ALL
       SELECT '/buckets/b/collections/c' || (n % ${LISTS}) || '/records/r' || n, 'read', 'account:reader'
       FROM generate_series(100, ${LISTS * PER_LIST}, 100) AS n`,
    );
    await sql.unsafe('ANALYZE access_control_entries');
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
  });

  it('deleting one object (itself and its "/*" descendants) reads the primary key, never the table', async () => {
    const permission = createPostgresPermission({ sql });
    const uri = `${collection(7)}/records/r50007`;
    const plan = await planOf(() => permission.deleteObjectPermissions([uri, `${uri}/*`]));
    if (process.env.SHOW_PLANS) console.log('delete one', plan);
    expect(plan).toMatch(/access_control_entries_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
    await permission.deleteObjectPermissions([uri, `${uri}/*`]);
    expect(await permission.getObjectPermissions(uri)).toEqual({});
    expect(await permission.getObjectPermissions(`${collection(7)}/records/r50107`)).toEqual({
      write: ['account:owner'],
    });
  });

  it('deleting a collection with its records is a range of the primary key under that collection only', async () => {
    const permission = createPostgresPermission({ sql });
    const plan = await planOf(() =>
      permission.deleteObjectPermissions([collection(3), `${collection(3)}/*`]),
    );
    if (process.env.SHOW_PLANS) console.log('delete collection', plan);
    expect(plan).toMatch(/access_control_entries_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
    await permission.deleteObjectPermissions([collection(3), `${collection(3)}/*`]);
    const rows = await sql.unsafe(
      `SELECT count(*)::int AS left FROM access_control_entries WHERE object_id LIKE '/buckets/b/collections/c3%'`,
    );
    // c3's 1,000 ACEs are gone; the 10,000 of c30..c39 are kept.
    expect(rows[0]?.left).toBe(10 * PER_LIST);
  });
});
