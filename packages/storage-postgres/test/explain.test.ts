import type { ObjectData } from '@core/contracts';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from '../src/storage.ts';
import { planningClient } from './support/planning-client.ts';
import { freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('explain') : '';
const LISTS = 100;
const PER_LIST = 1_000;
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c7' };
type Storage = ReturnType<typeof createPostgresStorage>;

describe.skipIf(!available)('F-TK-STO indexes on 100k objects', () => {
  let sql: Sql;
  let planOf: (call: () => Promise<unknown>) => Promise<string>;
  let genericPlanOf: (call: () => Promise<unknown>) => Promise<string>;

  beforeAll(async () => {
    ({ sql, planOf, genericPlanOf } = planningClient(schema));
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

  it.each([
    ['a page of the default order', (s: Storage) => s.listAll(RECORDS, { limit: 10 })],
    [
      'a `_since` poll',
      (s: Storage) =>
        s.listAll(RECORDS, {
          filters: [{ field: 'last_modified', operator: 'gt', value: 1_099_000 }],
          limit: 10,
        }),
    ],
    [
      'the next keyset page',
      (s: Storage) => s.listAll(RECORDS, { after: { last_modified: 1_050_007, id: 'r50007' }, limit: 10 }),
    ],
    [
      'a count by id',
      (s: Storage) => s.countAll(RECORDS, [{ field: 'id', operator: 'eq', value: 'r50007' }]),
    ],
    ['a read by id', (s: Storage) => s.get(RECORDS, 'r50007')],
  ])('prepared, %s keeps an index scan in its generic plan', async (_name, call) => {
    const plan = await genericPlanOf(() => call(createPostgresStorage({ sql })));
    if (process.env.SHOW_PLANS) console.log('generic', _name, plan);
    expect(plan).not.toMatch(/Seq Scan on objects|Sort/);
    expect(plan).toMatch(/Index/);
  });

  it('F-PAG-01 a keyset page starts the index scan at its cursor (a deep page costs what page 1 costs)', async () => {
    const storage = createPostgresStorage({ sql });
    const newestFirst = await planOf(() =>
      storage.listAll(RECORDS, { after: { last_modified: 1_050_007, id: 'r50007' }, limit: 10 }),
    );
    if (process.env.SHOW_PLANS) console.log(newestFirst);
    expect(newestFirst).toMatch(/Index Cond: \(.*last_modified <= /);
    const oldestFirst = await planOf(() =>
      storage.listAll(RECORDS, {
        sort: [{ field: 'last_modified', direction: 'asc' }],
        after: { last_modified: 1_050_007, id: 'r50007' },
        limit: 10,
      }),
    );
    expect(oldestFirst).toMatch(/Index Cond: \(.*last_modified >= /);
    const page = await storage.listAll(RECORDS, {
      after: { last_modified: 1_050_007, id: 'r50007' },
      limit: 3,
    });
    expect(page.map((object) => object.last_modified)).toEqual([1_049_907, 1_049_807, 1_049_707]);
  });
});

const ginSchema = available ? await freshSchema('explain_gin') : '';
const BIG = { resource: 'record', parent: '/buckets/b/collections/big' };
const TRICKY = { resource: 'record', parent: '/buckets/b/collections/tricky' };

describe.skipIf(!available)('F-TK-STO eq filters on data use the GIN index (kinto#3646)', () => {
  let sql: Sql;
  let planOf: (call: () => Promise<unknown>) => Promise<string>;

  beforeAll(async () => {
    ({ sql, planOf } = planningClient(ginSchema));
    // One collection of 100k objects: the list's own index cannot narrow an equality on a data field.
    await sql.unsafe(
      `INSERT INTO objects (resource_name, parent_id, id, last_modified, data, deleted)
       SELECT 'record', '/buckets/b/collections/big', 'r' || n, 1000000 + n,
              jsonb_build_object('n', n, 'title', 'item ' || n, 'even', n % 2 = 0,
                                 'meta', jsonb_build_object('code', 'c' || n)), FALSE
       FROM generate_series(1, ${LISTS * PER_LIST}) AS n`,
    );
    await sql.unsafe(`INSERT INTO timestamps VALUES ('record', '/buckets/b/collections/big', 2000000)`);
    // The bench's collection (issue 11): 10,000 tasks, a third of them `done`.
    await sql.unsafe(
      `INSERT INTO objects (resource_name, parent_id, id, last_modified, data, deleted)
       SELECT 'record', '/buckets/b/collections/tasks', 't' || n, 1000000 + n,
              jsonb_build_object('title', 'task ' || n, 'status', (ARRAY['todo', 'doing', 'done'])[1 + n % 3],
                                 'n', n, 'tags', jsonb_build_array('a', 'b')), FALSE
       FROM generate_series(1, 10000) AS n`,
    );
    await sql.unsafe('ANALYZE objects');
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
  });

  it.each([
    ['a string field', 'title', 'item 50007'],
    ['a number field', 'n', 50007],
    ['a nested dotted field', 'meta.code', 'c50007'],
  ])('a selective eq on %s is a Bitmap Index Scan on idx_objects_data', async (_name, field, value) => {
    const storage = createPostgresStorage({ sql });
    const filters = [{ field, operator: 'eq' as const, value }];
    const plan = await planOf(() => storage.listAll(BIG, { filters, limit: 10 }));
    if (process.env.SHOW_PLANS) console.log(_name, plan);
    expect(plan).toMatch(/Bitmap Index Scan on idx_objects_data/);
    expect(plan).not.toMatch(/Seq Scan on objects/);
    const found = await storage.listAll(BIG, { filters });
    expect(found.map((object) => object.id)).toEqual(['r50007']);
    expect(await storage.countAll(BIG, filters)).toBe(1);
  });

  it('a common eq value on a page of the default order walks the timestamp index and stops at the page (issue 11, W3)', async () => {
    const storage = createPostgresStorage({ sql });
    const tasks = { resource: 'record', parent: '/buckets/b/collections/tasks' };
    // A third of the list matches: reading every match (through the GIN index or a scan) and sorting
    // them costs the whole list; the list's timestamp index, newest first, fills a page in ~3 × its size.
    const filters = [{ field: 'status', operator: 'eq' as const, value: 'done' }];
    const plan = await planOf(() => storage.listAll(tasks, { filters, limit: 11 }));
    if (process.env.SHOW_PLANS) console.log('common value', plan);
    expect(plan).toMatch(/Index Scan using idx_objects_last_modified/);
    expect(plan).not.toMatch(/Sort|Seq Scan on objects|Bitmap/);
    const page = await storage.listAll(tasks, { filters, limit: 11 });
    // n % 3 = 2 is `done`: t9998, t9995, ...
    expect(page.map((object) => object.id)).toEqual(
      Array.from({ length: 11 }, (_, index) => `t${9998 - 3 * index}`),
    );
  });

  it('keeps the exact semantics: type-strict, missing never matches, longest dotted key', async () => {
    const storage = createPostgresStorage({ sql });
    const objects: readonly ObjectData[] = [
      { id: 'num', v: 1 },
      { id: 'decimal', v: 1.0 },
      { id: 'str', v: '1' },
      { id: 'arr', v: [1] },
      { id: 'obj', v: { x: 1 } },
      { id: 'nul', v: null },
      { id: 'missing' },
      { id: 'dotted-key', 'a.b': 1, a: { b: 2 } },
      { id: 'nested', a: { b: 1 } },
      { id: 'nested-array', a: [{ b: 1 }] },
      { id: 'deep-key', a: { 'b.c': 1, b: { c: 2 } } },
      { id: 'deep', a: { b: { c: 1 } } },
    ];
    for (const object of objects) await storage.create(TRICKY, object);
    const ids = async (field: string, value: string | number | boolean | null): Promise<string[]> =>
      (
        await storage.listAll(TRICKY, {
          filters: [{ field, operator: 'eq', value }],
          sort: [{ field: 'id', direction: 'asc' }],
        })
      ).map((object) => object.id);
    expect(await ids('v', 1)).toEqual(['decimal', 'num']);
    expect(await ids('v', '1')).toEqual(['str']);
    expect(await ids('v', null)).toEqual(['nul']);
    // The whole key `a.b` wins over `a` -> `b`; `b.c` inside `a` wins over `b` -> `c`; arrays are not descended.
    expect(await ids('a.b', 1)).toEqual(['dotted-key', 'nested']);
    expect(await ids('a.b', 2)).toEqual([]);
    expect(await ids('a.b.c', 1)).toEqual(['deep', 'deep-key']);
    expect(await ids('a.b.c', 2)).toEqual([]);
  });
});
