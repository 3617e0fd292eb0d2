import type {
  Filter,
  ListOptions,
  PermissionOperations,
  Scope,
  SharedRestriction,
  StorageOperations,
} from '@core/contracts';
import { expect } from 'vitest';
import { defineTransactionGroup, type TransactionalBackends } from './options.ts';

const RECORDS: Scope = { resource: 'record', parent: '/buckets/b/collections/c' };
const PREFIX = '/buckets/b/collections/c/records/';
const READER = 'account:reader';
const SHARED: SharedRestriction = {
  uriPrefix: PREFIX,
  permissions: ['read', 'write'],
  principals: [READER, '/buckets/b/groups/g'],
};
const needs = { requires: 'sharedListing' };

/** The reference: `listAll` with the ids `shared` allows (from the ACEs) as an `id in` filter. */
async function expected(
  storage: StorageOperations,
  permission: PermissionOperations,
  scope: Scope,
  shared: SharedRestriction,
  options: ListOptions = {},
) {
  const bound = shared.permissions.map((name) => [`${shared.uriPrefix}*`, name] as const);
  const accessible = await permission.getAccessibleObjects(shared.principals, bound, { withChildren: false });
  const ids = [...accessible.keys()].map((uri) => uri.slice(shared.uriPrefix.length));
  const filters: Filter[] = [...(options.filters ?? []), { field: 'id', operator: 'in', value: ids }];
  return {
    list: await storage.listAll(scope, { ...options, filters }),
    count: await storage.countAll(scope, filters),
  };
}

/** Records r0..r29 (n = index, odd ones `done`); the reader may read r0, r3, r6... (some through a group, some by `write`). */
async function seed(backends: TransactionalBackends): Promise<void> {
  const { storage, permission } = backends;
  for (let n = 0; n < 30; n++) {
    await storage.create(RECORDS, { id: `r${n}`, n, status: n % 2 ? 'done' : 'todo' });
    await permission.addPrincipalToAce(`${PREFIX}r${n}`, 'write', 'account:owner');
    if (n % 3 === 0) {
      const [permissionName, principal] =
        n % 9 === 0 ? ['write', READER] : n % 2 ? ['read', '/buckets/b/groups/g'] : ['read', READER];
      await permission.addPrincipalToAce(`${PREFIX}r${n}`, permissionName, principal);
    }
  }
  // Two matching ACEs on one object: listed and counted once.
  await permission.addPrincipalToAce(`${PREFIX}r3`, 'read', READER);
  // Not granting: another permission, another principal, a child's URI, a prefix look-alike, an ACE
  // without an object, and a record of another collection.
  await permission.addPrincipalToAce(`${PREFIX}r1`, 'create', READER);
  await permission.addPrincipalToAce(`${PREFIX}r2`, 'read', 'account:other');
  await permission.addPrincipalToAce(`${PREFIX}r4/history/h`, 'read', READER);
  await permission.addPrincipalToAce('/buckets/b/collections/c2/records/r5', 'read', READER);
  await permission.addPrincipalToAce(`${PREFIX}missing`, 'read', READER);
  await storage.create({ resource: 'record', parent: '/buckets/b/collections/c2' }, { id: 'r5' });
  await storage.delete(RECORDS, 'r27');
}

async function inTransaction<T>(
  backends: TransactionalBackends,
  fn: (storage: StorageOperations, permission: PermissionOperations) => Promise<T>,
): Promise<T> {
  return backends.transaction(({ storage, permission }) => fn(storage, permission));
}

/** `listShared` / `countShared`: shared listings joined with the ACEs by the storage (optional). */
export const sharedListingGroup = defineTransactionGroup('shared listings', (test) => {
  test(
    'F-PERM-05 listShared and countShared select the objects whose own ACEs grant the caller, once each',
    async (backends) => {
      await seed(backends);
      await inTransaction(backends, async (storage, permission) => {
        const listed = await storage.listShared!(RECORDS, SHARED, {
          sort: [{ field: 'id', direction: 'asc' }],
        });
        expect(listed.map((object) => object.id)).toEqual([
          'r0',
          'r12',
          'r15',
          'r18',
          'r21',
          'r24',
          'r3',
          'r6',
          'r9',
        ]);
        expect(await storage.countShared!(RECORDS, SHARED)).toBe(9);
        const reference = await expected(storage, permission, RECORDS, SHARED, {
          sort: [{ field: 'id', direction: 'asc' }],
        });
        expect(listed).toEqual(reference.list);
      });
    },
    needs,
  );

  test(
    'F-PERM-05 F-PAG-01 filters, sorts, limits, cursors and tombstones as listAll with the ids as an `in` filter',
    async (backends) => {
      await seed(backends);
      const cases: ListOptions[] = [
        {},
        { limit: 4 },
        { filters: [{ field: 'status', operator: 'eq', value: 'done' }] },
        { sort: [{ field: 'n', direction: 'desc' }], limit: 3 },
        { sort: [{ field: 'n', direction: 'asc' }], after: { n: 9, id: 'r9' }, limit: 3 },
        { after: { last_modified: Number.MAX_SAFE_INTEGER, id: '' }, limit: 2 },
        { includeDeleted: true, filters: [{ field: 'n', operator: 'gt', value: 20 }] },
      ];
      await inTransaction(backends, async (storage, permission) => {
        for (const options of cases) {
          const reference = await expected(storage, permission, RECORDS, SHARED, options);
          expect(await storage.listShared!(RECORDS, SHARED, options)).toEqual(reference.list);
          expect(await storage.countShared!(RECORDS, SHARED, options.filters)).toBe(reference.count);
        }
      });
    },
    needs,
  );

  test(
    'F-PERM-05 a prefix is literal: "%", "_" and "\\" in it match themselves only',
    async (backends) => {
      const scope = { resource: 'record', parent: '/buckets/b_%\\/collections/c' };
      const twin = { resource: 'record', parent: '/buckets/bx%\\/collections/c' };
      const shared = { ...SHARED, uriPrefix: '/buckets/b_%\\/collections/c/records/' };
      await backends.storage.create(scope, { id: 'a' });
      await backends.storage.create(scope, { id: 'b' });
      await backends.storage.create(twin, { id: 'a' });
      await backends.permission.addPrincipalToAce('/buckets/b_%\\/collections/c/records/a', 'read', READER);
      await backends.permission.addPrincipalToAce('/buckets/bx%\\/collections/c/records/b', 'read', READER);
      await inTransaction(backends, async (storage) => {
        expect((await storage.listShared!(scope, shared)).map((object) => object.id)).toEqual(['a']);
        expect(await storage.countShared!(scope, shared)).toBe(1);
      });
    },
    needs,
  );

  test(
    'F-PERM-05 no principal or no permission allows nothing',
    async (backends) => {
      await seed(backends);
      await inTransaction(backends, async (storage) => {
        for (const shared of [
          { ...SHARED, principals: [] },
          { ...SHARED, permissions: [] },
        ]) {
          expect(await storage.listShared!(RECORDS, shared)).toEqual([]);
          expect(await storage.countShared!(RECORDS, shared)).toBe(0);
        }
      });
    },
    needs,
  );

  test(
    "F-TK-TX a transaction's shared listing sees its own uncommitted objects and ACEs",
    async (backends) => {
      await backends.transaction(async ({ storage, permission }) => {
        await storage.create(RECORDS, { id: 'new' });
        await permission.addPrincipalToAce(`${PREFIX}new`, 'read', READER);
        expect((await storage.listShared!(RECORDS, SHARED)).map((object) => object.id)).toEqual(['new']);
        expect(await storage.countShared!(RECORDS, SHARED)).toBe(1);
        await permission.removePrincipalFromAce(`${PREFIX}new`, 'read', READER);
        expect(await storage.countShared!(RECORDS, SHARED)).toBe(0);
      });
    },
    needs,
  );
});
