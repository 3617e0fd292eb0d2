import type { JsonObject, JsonValue, ObjectData } from '@core/contracts';
import { expect } from 'vitest';
import {
  CLOCK_TOLERANCE,
  createSeries,
  expectCoreError,
  HISTORY,
  RECORDS,
  rejection,
  SIBLING,
  snapshotList,
  sortedIds,
  storedTimestamp,
} from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function nested(depth: number): JsonObject {
  let value: JsonObject = { leaf: 'bottom' };
  for (let level = 0; level < depth; level++) value = { level, child: value };
  return value;
}

/** Create, read, update, delete, listing and counting of single lists; copies in and out. */
export const storageCrudGroup: StorageGroup = defineStorageGroup('crud', (test) => {
  test('F-TK-STO-01 backend has a name, a working heartbeat and an idempotent initializeSchema', async (backend) => {
    expect(typeof backend.name).toBe('string');
    expect(backend.name.length).toBeGreaterThan(0);
    await backend.initializeSchema();
    await backend.initializeSchema();
    expect(await backend.heartbeat()).toBe(true);
  });

  test('F-TK-STO-01 create assigns a UUID v4 id when none is given', async (backend) => {
    const first = await backend.create(RECORDS, { foo: 'bar' });
    const second = await backend.create(RECORDS, { foo: 'bar' });
    expect(first.id).toMatch(UUID_V4);
    expect(second.id).toMatch(UUID_V4);
    expect(first.id).not.toBe(second.id);
  });

  test('F-TK-STO-01 create returns the stored object with its data, id and integer last_modified', async (backend) => {
    const before = Date.now();
    const created = await backend.create(RECORDS, { foo: 'bar', n: 1 });
    expect(created).toEqual({ foo: 'bar', n: 1, id: created.id, last_modified: created.last_modified });
    expect(Number.isInteger(created.last_modified)).toBe(true);
    expect(Math.abs(created.last_modified - before)).toBeLessThan(CLOCK_TOLERANCE);
    expect(await backend.get(RECORDS, created.id)).toEqual(created);
  });

  test('F-TK-STO-01 create keeps a provided id', async (backend) => {
    const created = await backend.create(RECORDS, { id: 'my-id', foo: 'bar' });
    expect(created.id).toBe('my-id');
    expect((await backend.get(RECORDS, 'my-id')).foo).toBe('bar');
  });

  test('F-TK-STO-01 create calls idGenerator only when data has no id', async (backend) => {
    let calls = 0;
    const idGenerator = () => `generated-${++calls}`;
    const generated = await backend.create(RECORDS, { foo: 1 }, { idGenerator });
    const provided = await backend.create(RECORDS, { id: 'given', foo: 2 }, { idGenerator });
    expect(generated.id).toBe('generated-1');
    expect(provided.id).toBe('given');
    expect(calls).toBe(1);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(['generated-1', 'given']);
  });

  test('F-TK-STO-01 create does not add id or last_modified to its argument', async (backend) => {
    const data: ObjectData = { foo: 'bar' };
    await backend.create(RECORDS, data);
    expect(data).toEqual({ foo: 'bar' });
  });

  test('F-TK-STO-01 create with the id of a live object throws UnicityError carrying the existing object', async (backend) => {
    const existing = await backend.create(RECORDS, { id: 'dup', version: 1 });
    const error = await expectCoreError(backend.create(RECORDS, { id: 'dup', version: 2 }), 'UNICITY');
    expect((error as unknown as { existing: unknown }).existing).toEqual(existing);
    expect(await backend.get(RECORDS, 'dup')).toEqual(existing);
    expect(await backend.countAll(RECORDS)).toBe(1);
  });

  test('F-TK-STO-01 a failed create leaves the list timestamp unchanged', async (backend) => {
    await backend.create(RECORDS, { id: 'dup' });
    const before = await backend.resourceTimestamp(RECORDS);
    await expectCoreError(backend.create(RECORDS, { id: 'dup' }), 'UNICITY');
    expect(await backend.resourceTimestamp(RECORDS)).toBe(before);
  });

  test('F-TK-STO-01 get of an unknown id throws ObjectNotFoundError naming resource and id', async (backend) => {
    const error = await expectCoreError(backend.get(RECORDS, 'nope'), 'OBJECT_NOT_FOUND');
    expect(error).toMatchObject({ resource: 'record', id: 'nope' });
  });

  test('F-TK-STO-01 get does not find an object of another parent or another resource', async (backend) => {
    await backend.create(RECORDS, { id: 'only-here' });
    await expectCoreError(backend.get(SIBLING, 'only-here'), 'OBJECT_NOT_FOUND');
    await expectCoreError(backend.get(HISTORY, 'only-here'), 'OBJECT_NOT_FOUND');
  });

  test('F-TK-STO-01 update creates the object when absent (upsert)', async (backend) => {
    await expectCoreError(backend.get(RECORDS, 'fresh'), 'OBJECT_NOT_FOUND');
    const updated = await backend.update(RECORDS, 'fresh', { foo: 'bar' });
    expect(updated).toEqual({ foo: 'bar', id: 'fresh', last_modified: updated.last_modified });
    expect(await backend.get(RECORDS, 'fresh')).toEqual(updated);
  });

  test('F-TK-STO-01 update replaces the whole object without merging', async (backend) => {
    await backend.create(RECORDS, { id: 'x', a: 1, b: { c: 2, d: 3 } });
    await backend.update(RECORDS, 'x', { b: { c: 4 } });
    const stored = await backend.get(RECORDS, 'x');
    expect(stored).toEqual({ id: 'x', b: { c: 4 }, last_modified: stored.last_modified });
    expect('a' in stored).toBe(false);
  });

  test('F-TK-STO-01 update ignores data.id in favour of its id argument', async (backend) => {
    const created = await backend.create(RECORDS, { foo: 1 });
    const updated = await backend.update(RECORDS, created.id, { id: 'ignored', foo: 2 });
    expect(updated.id).toBe(created.id);
    expect((await backend.get(RECORDS, created.id)).foo).toBe(2);
    await expectCoreError(backend.get(RECORDS, 'ignored'), 'OBJECT_NOT_FOUND');
    expect(await backend.countAll(RECORDS)).toBe(1);
  });

  test('F-TK-STO-01 update assigns a new, greater last_modified', async (backend) => {
    const created = await backend.create(RECORDS, { foo: 1 });
    const updated = await backend.update(RECORDS, created.id, { foo: 2 });
    expect(updated.last_modified).toBeGreaterThan(created.last_modified);
    expect((await backend.get(RECORDS, created.id)).last_modified).toBe(updated.last_modified);
  });

  test('F-TK-STO-01 delete returns exactly {id, last_modified, deleted: true}', async (backend) => {
    const created = await backend.create(RECORDS, { secret: 'x', nested: { a: 1 } });
    const tombstone = await backend.delete(RECORDS, created.id);
    expect(tombstone).toEqual({ id: created.id, last_modified: tombstone.last_modified, deleted: true });
    expect(Object.keys(tombstone).sort()).toEqual(['deleted', 'id', 'last_modified']);
    expect(tombstone.last_modified).toBeGreaterThan(created.last_modified);
  });

  test('F-TK-STO-01 a deleted object can no longer be read', async (backend) => {
    const created = await backend.create(RECORDS, { foo: 1 });
    await backend.delete(RECORDS, created.id);
    await expectCoreError(backend.get(RECORDS, created.id), 'OBJECT_NOT_FOUND');
    expect(await backend.listAll(RECORDS)).toEqual([]);
  });

  test('F-TK-STO-01 delete of an unknown id throws ObjectNotFoundError', async (backend) => {
    const error = await expectCoreError(backend.delete(RECORDS, 'ghost'), 'OBJECT_NOT_FOUND');
    expect(error).toMatchObject({ resource: 'record', id: 'ghost' });
  });

  test('F-TK-STO-01 deleting twice throws ObjectNotFoundError the second time', async (backend) => {
    const created = await backend.create(RECORDS, { foo: 1 });
    await backend.delete(RECORDS, created.id);
    await expectCoreError(backend.delete(RECORDS, created.id), 'OBJECT_NOT_FOUND');
    await expectCoreError(backend.delete(RECORDS, created.id, { withDeleted: false }), 'OBJECT_NOT_FOUND');
  });

  test('F-TK-STO-01 an object deleted, re-created by update, can be deleted again', async (backend) => {
    await backend.create(RECORDS, { id: 'demo' });
    const first = await backend.delete(RECORDS, 'demo');
    await backend.update(RECORDS, 'demo', { id: 'demo' });
    const second = await backend.delete(RECORDS, 'demo');
    expect(second.last_modified).toBeGreaterThan(first.last_modified);
  });

  test('F-TK-STO-01 unicode ids (emoji, CJK, combining marks) round trip without normalisation', async (backend) => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const ids = ['🦊🔥', '漢字テスト', composed, decomposed, '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'ا‌ب'];
    for (const id of ids) await backend.create(RECORDS, { id, label: id });
    for (const id of ids) expect((await backend.get(RECORDS, id)).label).toBe(id);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual([...ids].sort());
    await backend.delete(RECORDS, composed);
    expect((await backend.get(RECORDS, decomposed)).label).toBe(decomposed);
    await expectCoreError(backend.get(RECORDS, composed), 'OBJECT_NOT_FOUND');
  });

  test('F-TK-STO-01 ids with *, %, _, ., / and regex characters are taken literally', async (backend) => {
    const ids = ['a*', 'ab', 'a%', 'a_', 'a.', 'a/b', 'a', '^a$', '(a|b)', '[a-z]+', 'a\\b', 'a?', '{1}'];
    for (const id of ids) await backend.create(RECORDS, { id, label: id });
    for (const id of ids) expect((await backend.get(RECORDS, id)).label).toBe(id);
    for (const id of ['a*', 'a%', 'a_', 'a.', '[a-z]+', '(a|b)']) await backend.delete(RECORDS, id);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(
      ['^a$', 'a', 'a/b', 'a?', 'a\\b', 'ab', '{1}'].sort(),
    );
    await expectCoreError(backend.get(RECORDS, 'a.b'), 'OBJECT_NOT_FOUND');
  });

  test('F-TK-STO-01 unicode resource names and parents are supported and isolated', async (backend) => {
    const unicode = { resource: 'Rémy', parent: '/buckets/漢字/collections/🦊' };
    const created = await backend.create(unicode, { id: 'x', v: 1 });
    await backend.create({ resource: 'Remy', parent: unicode.parent }, { id: 'x', v: 2 });
    expect(await backend.get(unicode, 'x')).toEqual(created);
    expect(await backend.countAll(unicode)).toBe(1);
  });

  test('F-TK-STO-01 empty strings, empty objects and empty arrays are kept', async (backend) => {
    const created = await backend.create(RECORDS, { s: '', o: {}, a: [], nested: { s: '', a: [[]] } });
    expect(await backend.get(RECORDS, created.id)).toEqual({
      id: created.id,
      last_modified: created.last_modified,
      s: '',
      o: {},
      a: [],
      nested: { s: '', a: [[]] },
    });
  });

  test('F-TK-STO-01 an object with no data besides its id round trips', async (backend) => {
    const created = await backend.create(RECORDS, {});
    const stored = await backend.get(RECORDS, created.id);
    expect(Object.keys(stored).sort()).toEqual(['id', 'last_modified']);
  });

  test('F-TK-STO-01 null and missing fields stay distinct', async (backend) => {
    const withNull = await backend.create(RECORDS, { id: 'null', field: null, deep: { field: null } });
    const without = await backend.create(RECORDS, { id: 'missing', deep: {} });
    const storedNull = await backend.get(RECORDS, withNull.id);
    const storedMissing = await backend.get(RECORDS, without.id);
    expect('field' in storedNull).toBe(true);
    expect(storedNull.field).toBeNull();
    expect(storedNull.deep).toEqual({ field: null });
    expect('field' in storedMissing).toBe(false);
    expect(storedMissing.deep).toEqual({});
  });

  test('F-TK-STO-01 numbers and numeric strings stay distinct', async (backend) => {
    const created = await backend.create(RECORDS, {
      id: '1',
      n: 1,
      s: '1',
      list: [1, '1'],
      f: 1.5,
      z: 0,
      neg: -3,
    });
    await backend.create(RECORDS, { id: '01', n: '01' });
    const stored = await backend.get(RECORDS, '1');
    expect(stored).toEqual(created);
    expect(typeof stored.n).toBe('number');
    expect(typeof stored.s).toBe('string');
    expect(stored.list).toEqual([1, '1']);
    expect((await backend.get(RECORDS, '01')).n).toBe('01');
  });

  test('F-TK-STO-01 all JSON value types round trip unchanged', async (backend) => {
    const data: ObjectData = {
      t: true,
      f: false,
      big: Number.MAX_SAFE_INTEGER,
      small: -Number.MAX_SAFE_INTEGER,
      tiny: 1e-7,
      exp: 1.5e300,
      mixed: [null, true, 0, 'x', [1, [2]], { a: { b: [] } }],
      'dotted.key': { 'x.y': 1 },
      'spaced key': 'value',
      ünïcødé: '✓',
    };
    const created = await backend.create(RECORDS, data);
    expect(await backend.get(RECORDS, created.id)).toEqual({
      ...data,
      id: created.id,
      last_modified: created.last_modified,
    });
  });

  test('F-TK-STO-01 an own "__proto__" key is stored as data', async (backend) => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "plain": 1}') as ObjectData;
    const created = await backend.create(RECORDS, data);
    const stored = await backend.get(RECORDS, created.id);
    expect(Object.keys(stored)).toContain('__proto__');
    expect(Object.getOwnPropertyDescriptor(stored, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('F-TK-STO-01 strings with NUL or a lone surrogate are stored exactly or refused with TypeError, never altered', async (backend) => {
    for (const [label, text] of [
      ['NUL', 'a\u0000b'],
      ['lone high surrogate', 'a\ud800b'],
      ['lone low surrogate', '\udc00'],
    ] as const) {
      for (const data of [{ title: text }, { [text]: 1 }, { list: [{ deep: text }] }] as ObjectData[]) {
        let created: { id: string } | undefined;
        try {
          created = await backend.create(RECORDS, data);
        } catch (error) {
          expect(error, `${label}: refused, but not with a TypeError`).toBeInstanceOf(TypeError);
          continue;
        }
        const stored = await backend.get(RECORDS, created.id);
        expect(stored, `${label}: stored altered`).toMatchObject(data);
      }
    }
    for (const id of ['a\u0000b', '\ud800']) {
      expect(await rejection(backend.create(RECORDS, { id }))).toBeInstanceOf(TypeError);
      expect(await rejection(backend.update(RECORDS, id, {}))).toBeInstanceOf(TypeError);
    }
  });

  test('F-TK-STO-01 a 50-level deep object round trips', async (backend) => {
    const data = nested(50);
    const created = await backend.create(RECORDS, { deep: data });
    expect((await backend.get(RECORDS, created.id)).deep).toEqual(data);
    const [listed] = await backend.listAll(RECORDS);
    expect(listed!.deep).toEqual(data);
  });

  test(
    'F-TK-STO-01 a 1 MB string value round trips',
    async (backend) => {
      const big = 'é🦊x'.repeat(150_000);
      const created = await backend.create(RECORDS, { big });
      const stored = await backend.get(RECORDS, created.id);
      expect(stored.big === big).toBe(true);
    },
    { timeout: 30_000 },
  );

  test('F-TK-STO-01 objects returned by create, get and listAll are copies', async (backend) => {
    const created = await backend.create(RECORDS, { id: 'x', list: [1], nested: { a: 1 } });
    created.nested = 'changed';
    const got = await backend.get(RECORDS, 'x');
    (got.list as JsonValue[]).push(2);
    const [listed] = await backend.listAll(RECORDS);
    (listed!.nested as JsonObject).a = 99;
    listed!.id = 'renamed';
    expect(await backend.get(RECORDS, 'x')).toEqual({
      id: 'x',
      list: [1],
      nested: { a: 1 },
      last_modified: got.last_modified,
    });
  });

  test('F-TK-STO-01 mutating an argument after the call never changes what was stored', async (backend) => {
    const data: ObjectData = { id: 'x', list: [1], nested: { a: 1 } };
    await backend.create(RECORDS, data);
    (data.list as JsonValue[]).push(2);
    (data.nested as JsonObject).a = 2;
    const update: ObjectData = { nested: { b: 1 } };
    await backend.update(RECORDS, 'y', update);
    (update.nested as JsonObject).b = 2;
    expect((await backend.get(RECORDS, 'x')).list).toEqual([1]);
    expect((await backend.get(RECORDS, 'x')).nested).toEqual({ a: 1 });
    expect((await backend.get(RECORDS, 'y')).nested).toEqual({ b: 1 });
  });

  test('F-TK-STO-01 mutating an argument before the call settles never changes what is stored', async (backend) => {
    const data: ObjectData = { id: 'x', value: 'original', nested: { a: 1 } };
    const pending = backend.create(RECORDS, data);
    data.value = 'mutated';
    (data.nested as JsonObject).a = 2;
    const created = await pending;
    expect(created.value).toBe('original');
    expect(await backend.get(RECORDS, 'x')).toEqual(created);
    expect((await backend.get(RECORDS, 'x')).nested).toEqual({ a: 1 });
  });

  test('F-TK-STO-01 the existing object of a UnicityError is a copy', async (backend) => {
    await backend.create(RECORDS, { id: 'dup', value: 1 });
    const error = await rejection(backend.create(RECORDS, { id: 'dup' }));
    (error as { existing: JsonObject }).existing.value = 2;
    expect((await backend.get(RECORDS, 'dup')).value).toBe(1);
  });

  test('F-TK-STO-01 listAll returns every live object of the list and countAll counts them', async (backend) => {
    const created = await createSeries(backend, RECORDS, 10);
    await createSeries(backend, SIBLING, 3);
    const listed = await backend.listAll(RECORDS);
    expect(sortedIds(listed)).toEqual(sortedIds(created));
    expect(await backend.countAll(RECORDS)).toBe(10);
  });

  test('F-TK-STO-01 listAll defaults to last_modified descending', async (backend) => {
    const created = await createSeries(backend, RECORDS, 6);
    const listed = await backend.listAll(RECORDS);
    expect(listed.map((object) => object.id)).toEqual(created.map((object) => object.id).reverse());
  });

  test('F-TK-STO-01 listAll honours limit, including 0', async (backend) => {
    const created = await createSeries(backend, RECORDS, 10);
    const two = await backend.listAll(RECORDS, { limit: 2 });
    expect(two.map((object) => object.id)).toEqual([created[9]!.id, created[8]!.id]);
    expect(await backend.listAll(RECORDS, { limit: 0 })).toEqual([]);
    expect(await backend.listAll(RECORDS, { limit: 50 })).toHaveLength(10);
  });

  test('F-TK-STO-01 listAll and countAll of a list never written are empty', async (backend) => {
    expect(await backend.listAll(RECORDS)).toEqual([]);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([]);
    expect(await backend.countAll(RECORDS)).toBe(0);
  });

  test('F-TK-STO-01 the same id in two parents are two independent objects', async (backend) => {
    await backend.create(RECORDS, { id: 'same', owner: 'c' });
    await backend.create(SIBLING, { id: 'same', owner: 'd' });
    await backend.update(RECORDS, 'same', { owner: 'c2' });
    expect((await backend.get(SIBLING, 'same')).owner).toBe('d');
    await backend.delete(SIBLING, 'same');
    expect((await backend.get(RECORDS, 'same')).owner).toBe('c2');
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toHaveLength(1);
  });

  test('F-TK-STO-01 the same parent under two resources holds two independent lists', async (backend) => {
    await backend.create(RECORDS, { id: 'same', kind: 'record' });
    await backend.create(HISTORY, { id: 'same', kind: 'history' });
    await backend.delete(RECORDS, 'same');
    expect((await backend.get(HISTORY, 'same')).kind).toBe('history');
    expect(await backend.countAll(HISTORY)).toBe(1);
    expect(await backend.listAll(HISTORY, { includeDeleted: true })).toHaveLength(1);
  });

  test('F-TK-STO-01 flush deletes objects, tombstones and list timestamps', async (backend, options) => {
    const [kept] = await createSeries(backend, RECORDS, 2);
    await backend.delete(RECORDS, kept!.id);
    await backend.resourceTimestamp(SIBLING);
    await backend.flush();
    expect(await snapshotList(backend, RECORDS)).toEqual([]);
    expect(await storedTimestamp(backend, options, RECORDS)).toBeUndefined();
    expect((await backend.allResourcesTimestamps('record')).size).toBe(0);
  });
});
