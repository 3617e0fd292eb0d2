import type { StorageConformanceOptions } from '@core/conformance';
import type { JsonObject, Scope, StorageBackend } from '@core/contracts';
import { createLock, type Lock } from './internal/lock.ts';
import { createMemoryStorage, createMemoryStorageState, type MemoryStorageState } from './storage.ts';

const internals = new WeakMap<StorageBackend, { state: MemoryStorageState; lock: Lock }>();

function internalsOf(backend: StorageBackend) {
  const found = internals.get(backend);
  if (found === undefined) throw new Error('Not a backend created by this suite');
  return found;
}

function rawList(backend: StorageBackend, scope: Scope) {
  return internalsOf(backend).state.resources.get(scope.resource)?.get(scope.parent);
}

/** Test support: the memory backend's wiring of the storage conformance hooks (inspector, read-only view). */
export const memoryStorageOptions = {
  create: () => {
    const state = createMemoryStorageState();
    const lock = createLock();
    const backend = createMemoryStorage({ state, lock });
    internals.set(backend, { state, lock });
    return backend;
  },
  readonlyView: (backend) => createMemoryStorage({ ...internalsOf(backend), readonly: true }),
  inspect: {
    async rawObject(backend, scope, id) {
      const list = rawList(backend, scope);
      const found: JsonObject | undefined = list?.objects.get(id) ?? list?.tombstones.get(id);
      return found === undefined ? undefined : structuredClone(found);
    },
    async rawTimestamp(backend, scope) {
      return rawList(backend, scope)?.timestamp;
    },
  },
} satisfies StorageConformanceOptions;
