import postgres from 'postgres';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresBackends } from '../src/backends.ts';
import { freshSchema, POSTGRES_URL, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('lazy') : '';
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/lazy' };

// Every statement the client sends, in order (postgres.js' `debug` hook), lower-cased.
const sent: string[] = [];
const sql = available
  ? postgres(POSTGRES_URL, {
      max: 4,
      onnotice: () => {},
      connection: { search_path: schema },
      debug: (_connection, text) => sent.push(text.trim().toLowerCase()),
    })
  : (undefined as never);
const backends = available ? createPostgresBackends({ sql }) : (undefined as never);
afterAll(async () => {
  if (available) await sql.end();
});

const controls = () => sent.filter((text) => /^(begin|commit|rollback)\b/.test(text));

describe.skipIf(!available)('F-TK-TX transactions open at their first write', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it('a transaction that only reads sends no BEGIN/COMMIT and still answers', async () => {
    await backends.storage.create(RECORDS, { id: 'read-only', title: 'x' });
    sent.length = 0;
    const found = await backends.transaction(async ({ storage, permission }) => {
      await permission.checkPermission(['system.Everyone'], [['/buckets/b', 'read']]);
      await storage.resourceTimestamp(RECORDS);
      return storage.get(RECORDS, 'read-only');
    });
    expect(found.title).toBe('x');
    expect(sent.length).toBeGreaterThan(0);
    expect(controls()).toEqual([]);
  });

  it('reads before the first write run outside; the writes commit together, after BEGIN', async () => {
    await backends.transaction(async ({ storage, permission }) => {
      await storage.countAll(RECORDS);
      await storage.create(RECORDS, { id: 'together' });
      await permission.addPrincipalToAce(`/lazy/together`, 'write', 'account:a');
    });
    expect(controls()).toEqual(['begin', 'commit']);
    expect(sent.findIndex((text) => text.startsWith('select count'))).toBeLessThan(sent.indexOf('begin'));
    expect((await backends.storage.get(RECORDS, 'together')).id).toBe('together');
    expect(await backends.permission.getObjectPermissionPrincipals('/lazy/together', 'write')).toEqual([
      'account:a',
    ]);
  });

  it('reads after the first write see the transaction own writes, others do not until commit', async () => {
    let seenOutside: number | undefined;
    await backends.transaction(async ({ storage }) => {
      await storage.create(RECORDS, { id: 'own' });
      expect((await storage.get(RECORDS, 'own')).id).toBe('own');
      expect(await storage.countAll(RECORDS, [{ field: 'id', operator: 'eq', value: 'own' }])).toBe(1);
      seenOutside = await backends.storage.countAll(RECORDS, [{ field: 'id', operator: 'eq', value: 'own' }]);
    });
    expect(seenOutside).toBe(0);
  });

  it('a transaction locks each list once: a create under a held lock is one statement', async () => {
    const created = await backends.transaction(async ({ storage }) => {
      const first = await storage.create(RECORDS, { id: 'held-1' });
      const afterFirst = sent.length;
      const second = await storage.create(RECORDS, { id: 'held-2' });
      const third = await storage.update(RECORDS, 'held-1', { title: 'again' });
      expect(sent.length - afterFirst).toBe(2);
      return [first, second, third];
    });
    expect(sent.filter((text) => text.includes('pg_advisory_xact_lock'))).toHaveLength(1);
    // Timestamps still strictly increase, and the list timestamp is the last one.
    const stamps = created.map((object) => object.last_modified);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
    expect(await backends.storage.resourceTimestamp(RECORDS)).toBe(stamps[2]);
  });

  it('a create of a live id writes nothing and rejects with UnicityError carrying it', async () => {
    const before = await backends.storage.create(RECORDS, { id: 'taken', title: 'first' });
    const listTimestamp = await backends.storage.resourceTimestamp(RECORDS);
    await expect(
      backends.transaction(({ storage }) => storage.create(RECORDS, { id: 'taken', title: 'second' })),
    ).rejects.toMatchObject({ code: 'UNICITY', existing: before });
    expect(await backends.storage.resourceTimestamp(RECORDS)).toBe(listTimestamp);
    expect((await backends.storage.get(RECORDS, 'taken')).title).toBe('first');
  });

  it('an ACE write is not waited for, yet the next read sees it and the commit includes it', async () => {
    const aces = await backends.transaction(async ({ permission }) => {
      await permission.addPrincipalToAce('/lazy/sent', 'write', 'account:a');
      await permission.addPrincipalToAce('/lazy/sent', 'read', 'system.Everyone');
      return permission.getObjectPermissions('/lazy/sent');
    });
    expect(aces).toEqual({ read: ['system.Everyone'], write: ['account:a'] });
    expect(await backends.permission.getObjectPermissions('/lazy/sent')).toEqual(aces);
  });

  it('an ACE write that fails after its call returned fails the transaction: nothing is committed', async () => {
    const outcome = backends.transaction(async ({ storage, permission }) => {
      await storage.create(RECORDS, { id: 'with-bad-ace' });
      // PostgreSQL refuses NUL in text: the failure arrives after the call has returned.
      await permission.addPrincipalToAce('/lazy/with-bad-ace', 'write', 'a\u0000b');
      return 'reported';
    });
    await expect(outcome).rejects.toBeInstanceOf(Error);
    expect(controls()).toEqual(['begin', 'rollback']);
    await expect(backends.storage.get(RECORDS, 'with-bad-ace')).rejects.toMatchObject({
      code: 'OBJECT_NOT_FOUND',
    });
  });

  it('a rejection rolls back every write, also those made after reads', async () => {
    const failure = new Error('no');
    await expect(
      backends.transaction(async ({ storage, permission }) => {
        await storage.listAll(RECORDS);
        await storage.create(RECORDS, { id: 'discarded' });
        await permission.addPrincipalToAce('/lazy/discarded', 'write', 'account:a');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(controls()).toEqual(['begin', 'rollback']);
    await expect(backends.storage.get(RECORDS, 'discarded')).rejects.toMatchObject({
      code: 'OBJECT_NOT_FOUND',
    });
    expect(await backends.permission.getObjectPermissions('/lazy/discarded')).toEqual({});
  });
});

describe.skipIf(!available)(
  'F-TK-TX a transaction reuses its repeated reads until its own writes change them',
  () => {
    const COLLECTIONS = { resource: 'collection', parent: '/buckets/memo' };
    const checks = () => sent.filter((text) => text.startsWith('select exists')).length;
    const counts = () => sent.filter((text) => text.startsWith('select count')).length;

    beforeEach(() => {
      sent.length = 0;
    });

    it('a permission check is asked once, again after an ACE of one of its objects changes', async () => {
      const bound = [['/buckets/memo', 'write'] as const, ['/buckets/memo/collections/c', 'write'] as const];
      const answers = await backends.transaction(async ({ permission }) => {
        const first = await permission.checkPermission(['account:memo'], bound);
        const again = await permission.checkPermission(['account:memo'], bound);
        await permission.addPrincipalToAce('/buckets/memo/collections/c/records/r1', 'write', 'account:memo');
        const unrelated = await permission.checkPermission(['account:memo'], bound);
        expect(checks()).toBe(1);
        await permission.addPrincipalToAce('/buckets/memo/collections/c', 'write', 'account:memo');
        const granted = await permission.checkPermission(['account:memo'], bound);
        expect(checks()).toBe(2);
        return [first, again, unrelated, granted];
      });
      expect(answers).toEqual([false, false, false, true]);
    });

    it('a count is asked once, again after the transaction writes objects of its resource', async () => {
      await backends.storage.create(COLLECTIONS, { id: 'c' });
      const filters = [{ field: 'id', operator: 'eq', value: 'c' } as const];
      sent.length = 0;
      const answers = await backends.transaction(async ({ storage }) => {
        const first = await storage.countAll(COLLECTIONS, filters);
        const all = await storage.countAll(COLLECTIONS);
        await storage.countAll(COLLECTIONS, filters);
        await storage.create({ resource: 'record', parent: '/buckets/memo/collections/c' }, { id: 'r' });
        await storage.countAll(COLLECTIONS, filters);
        expect(counts()).toBe(2);
        await storage.create(COLLECTIONS, { id: 'd' });
        const after = await storage.countAll(COLLECTIONS);
        expect(counts()).toBe(3);
        return [first, all, after];
      });
      expect(answers).toEqual([1, 1, 2]);
    });

    it('separate transactions never share answers', async () => {
      const bound = [['/buckets/memo2', 'read'] as const];
      expect(await backends.transaction(({ permission }) => permission.checkPermission(['x'], bound))).toBe(
        false,
      );
      await backends.permission.addPrincipalToAce('/buckets/memo2', 'read', 'x');
      expect(await backends.transaction(({ permission }) => permission.checkPermission(['x'], bound))).toBe(
        true,
      );
    });
  },
);
