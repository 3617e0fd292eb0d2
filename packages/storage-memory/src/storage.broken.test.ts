import {
  type CaseResult,
  runGroup,
  type StorageConformanceOptions,
  type StorageGroup,
  storageConcurrencyGroup,
  storageCrudGroup,
  storagePurgeGroup,
  storageReadModifyWriteGroup,
  storageTimestampsGroup,
  storageTombstonesGroup,
  storageTransactionsGroup,
  storageWildcardsGroup,
} from '@core/conformance';
import type { JsonObject, Scope, StorageBackend, StoredObject } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createLock } from './internal/lock.ts';
import { memoryStorageOptions } from './storage.test-options.ts';
import { createMemoryStorage, createMemoryStorageState, type MemoryStorageState } from './storage.ts';

type Breaker = (backend: StorageBackend, state: MemoryStorageState) => StorageBackend;

function listOf(state: MemoryStorageState, scope: Scope) {
  return state.resources.get(scope.resource)?.get(scope.parent);
}

/** Conformance options over a memory backend deliberately broken by `breaker`. */
function brokenOptions(breaker: Breaker) {
  const states = new WeakMap<StorageBackend, MemoryStorageState>();
  const stateOf = (backend: StorageBackend) => states.get(backend)!;
  return {
    create: () => {
      const state = createMemoryStorageState();
      const broken = breaker(createMemoryStorage({ state, lock: createLock() }), state);
      states.set(broken, state);
      return broken;
    },
    inspect: {
      async rawObject(backend, scope, id) {
        const list = listOf(stateOf(backend), scope);
        const found: JsonObject | undefined = list?.objects.get(id) ?? list?.tombstones.get(id);
        return found === undefined ? undefined : structuredClone(found);
      },
      async rawTimestamp(backend, scope) {
        return listOf(stateOf(backend), scope)?.timestamp;
      },
    },
    readonlyView: (backend: StorageBackend) =>
      createMemoryStorage({ state: stateOf(backend), readonly: true }),
  } satisfies StorageConformanceOptions;
}

const failures = (results: readonly CaseResult[]) => results.filter((result) => result.status === 'failed');

const variants: { name: string; group: StorageGroup; breaker: Breaker }[] = [
  {
    name: 'stamps with the wall clock and never bumps within a millisecond',
    group: storageTimestampsGroup,
    breaker: (backend) => ({
      ...backend,
      create: (scope, data, options) =>
        backend.create(scope, { ...data, last_modified: data.last_modified ?? Date.now() }, options),
    }),
  },
  {
    name: 'also deletes live objects when purging tombstones',
    group: storagePurgeGroup,
    breaker: (backend) => ({
      ...backend,
      purgeDeleted: async (pattern, options) => {
        const removed = await backend.purgeDeleted(pattern, options);
        await backend.deleteAll(pattern, { withDeleted: false });
        return removed;
      },
    }),
  },
  {
    name: 'ignores the parent in deleteAll',
    group: storageWildcardsGroup,
    breaker: (backend) => ({
      ...backend,
      deleteAll: (pattern, options) => backend.deleteAll({ ...pattern, parent: '*' }, options),
    }),
  },
  {
    name: 'matches an exact parent as a prefix',
    group: storageWildcardsGroup,
    breaker: (backend) => {
      const prefix = <P extends { parent: string }>(pattern: P): P =>
        pattern.parent.includes('*') ? pattern : { ...pattern, parent: `${pattern.parent}*` };
      return {
        ...backend,
        listAll: (pattern, options) => backend.listAll(prefix(pattern), options),
        countAll: (pattern, filters) => backend.countAll(prefix(pattern), filters),
        deleteAll: (pattern, options) => backend.deleteAll(prefix(pattern), options),
        purgeDeleted: (pattern, options) => backend.purgeDeleted(prefix(pattern), options),
      };
    },
  },
  {
    name: 'does not roll transactions back',
    group: storageTransactionsGroup,
    breaker: (backend) => ({ ...backend, transaction: (fn) => fn(backend) }),
  },
  {
    name: 'returns its internal objects instead of copies',
    group: storageCrudGroup,
    breaker: (backend, state) => ({
      ...backend,
      get: async (scope, id) => {
        await backend.get(scope, id);
        return listOf(state, scope)!.objects.get(id)!;
      },
      listAll: async (pattern, options) => {
        const listed = await backend.listAll(pattern, options);
        const list = listOf(state, { resource: pattern.resource, parent: pattern.parent });
        return listed.map((object) => list?.objects.get(object.id) ?? object);
      },
    }),
  },
  {
    name: 'keeps the data of deleted objects in their tombstones',
    group: storageTombstonesGroup,
    breaker: (backend, state) => ({
      ...backend,
      delete: async (scope, id, options) => {
        const existing: StoredObject = await backend.get(scope, id);
        const tombstone = await backend.delete(scope, id, options);
        listOf(state, scope)?.tombstones.set(id, { ...existing, ...tombstone });
        return tombstone;
      },
    }),
  },
  {
    name: 'lets concurrent creates of one id overwrite each other',
    group: storageConcurrencyGroup,
    breaker: (backend) => ({
      ...backend,
      create: async (scope, data, options) => {
        const id = typeof data.id === 'string' ? data.id : undefined;
        if (id === undefined) return backend.create(scope, data, options);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return backend.update(scope, id, data);
      },
    }),
  },
  {
    name: 'interleaves transactions, so forUpdate reads reserve nothing',
    group: storageReadModifyWriteGroup,
    breaker: (backend, state) => ({
      ...backend,
      transaction: (fn) => createMemoryStorage({ state, lock: createLock() }).transaction(fn),
    }),
  },
  {
    name: 'initialises list timestamps even when read-only',
    group: storageTimestampsGroup,
    breaker: (backend) => backend,
  },
];

describe('the core storage groups catch broken backends', () => {
  for (const { name, group, breaker } of variants) {
    it(`${group.name}: fails a backend that ${name}`, async () => {
      const options = brokenOptions(breaker);
      const results = await runGroup(
        group,
        name.startsWith('initialises')
          ? { ...options, readonlyView: (backend: StorageBackend) => backend } // the "read-only" view writes
          : options,
      );
      expect(failures(results).length, `no case of "${group.name}" failed`).toBeGreaterThan(0);
    }, 60_000);
  }

  const groups = [...new Set(variants.map((variant) => variant.group))];
  for (const group of groups) {
    it(`${group.name}: the unbroken memory backend passes every case`, async () => {
      const results = await runGroup(group, memoryStorageOptions);
      expect(failures(results).map((result) => `${result.name}: ${String(result.error)}`)).toEqual([]);
      expect(results.every((result) => result.status === 'passed')).toBe(true);
    }, 60_000);
  }
});
