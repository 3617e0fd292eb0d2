import type { Sql } from 'postgres';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from '../src/storage.ts';
import { freshSchema, POSTGRES_URL, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('explain') : '';
const LISTS = 100;
const PER_LIST = 1_000;
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c7' };

describe.skipIf(!available)('F-TK-STO indexes on 100k objects', () => {
  let sql: Sql;
  let captured: { query: string; parameters: unknown[] } | undefined;

  beforeAll(async () => {
    sql = postgres(POSTGRES_URL, {
      max: 1,
      onnotice: () => {},
      connection: { search_path: schema },
      debug: (_connection, query, parameters) => {
        captured = { query, parameters };
      },
    });
    await sql.unsafe(
      `INSERT INTO objects (resource_name, parent_id, id, last_modified, data, deleted)
       SELECT 'record', '/buckets/b/collections/c' || (n % ${LISTS}), 'r' || n, 1000000 + n,
              jsonb_build_object('n', n, 'title', 'item ' || n), n % 10 = 0
       FROM generate_series(1, ${LISTS * PER_LIST}) AS n`,
    );
    await sql.unsafe(
      `INSERT INTO timestamps SELECT 'record', '/buckets/b/collections/c' || n, 2000000 FROM generate_series(0, ${LISTS - 1}) n`,
    );
    await sql.unsafe('ANALYZE objects');
    await sql.unsafe('ANALYZE timestamps');
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
  });

  async function planOf(call: () => Promise<unknown>): Promise<string> {
    captured = undefined;
    await call();
    const { query, parameters } = captured!;
    const rows = await sql.unsafe(`EXPLAIN ${query}`, parameters as string[]);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  it.each([
    [
      'a page of the default order',
      (s: ReturnType<typeof createPostgresStorage>) => s.listAll(RECORDS, { limit: 10 }),
    ],
    [
      'a `_since` poll',
      (s: ReturnType<typeof createPostgresStorage>) =>
        s.listAll(RECORDS, {
          filters: [{ field: 'last_modified', operator: 'gt', value: 1_099_000 }],
          limit: 10,
        }),
    ],
    [
      'the next keyset page',
      (s: ReturnType<typeof createPostgresStorage>) =>
        s.listAll(RECORDS, { after: { last_modified: 1_050_007, id: 'r50007' }, limit: 10 }),
    ],
    ['a count', (s: ReturnType<typeof createPostgresStorage>) => s.countAll(RECORDS)],
    ['a read by id', (s: ReturnType<typeof createPostgresStorage>) => s.get(RECORDS, 'r50007')],
    [
      'a wildcard purge under one bucket',
      (s: ReturnType<typeof createPostgresStorage>) =>
        s.purgeDeleted({ resource: 'record', parent: '/buckets/x/*' }, { before: 0 }),
    ],
  ])('%s is an index scan, never a sequential scan of objects', async (_name, call) => {
    const plan = await planOf(() => call(createPostgresStorage({ sql })));
    if (process.env.SHOW_PLANS) console.log(_name, plan);
    expect(plan).not.toMatch(/Seq Scan on objects/);
    expect(plan).toMatch(/Index/);
  });
});
