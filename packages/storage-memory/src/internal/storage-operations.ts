import {
  bumpTimestamp,
  type CreateOptions,
  checkCount,
  checkObjectId,
  type DeleteAllOptions,
  type DeleteOptions,
  type Filter,
  type ListOptions,
  type ObjectData,
  ObjectNotFoundError,
  type PurgeOptions,
  ReadonlyError,
  requestedFromData,
  requestedFromOption,
  type Scope,
  type ScopePattern,
  type StorageOperations,
  type StoredObject,
  type StoredOrDeleted,
  type Tombstone,
  UnicityError,
} from '@core/contracts';
import type { Journal } from './journal.ts';
import { matchesFilters, selectObjects } from './query.ts';
import { createStore, type MemoryList, type MemoryStorageState } from './store.ts';

/** Settings of {@link createMemoryStorageOperations}. */
export interface MemoryOperationsSettings {
  /** Refuse to store a list timestamp on read (`resourceTimestamp`). Default `false`. */
  readonly readonly?: boolean;
  /** Wall clock in milliseconds. Default `Date.now`. */
  readonly now?: () => number;
}

const READONLY_MESSAGE =
  'Resource timestamp cannot be written. Plural endpoint must be hit at least once from a writable instance.';

const NEWEST_FIRST = [{ field: 'last_modified', direction: 'desc' }] as const;

function tombstonesToPurge(list: MemoryList, options: PurgeOptions): Tombstone[] {
  const all = [...list.tombstones.values()];
  if (options.before !== undefined) {
    const before = options.before;
    return all.filter((tombstone) => tombstone.last_modified < before);
  }
  if (options.maxRetained !== undefined) {
    all.sort((a, b) => b.last_modified - a.last_modified || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return all.slice(options.maxRetained);
  }
  return all;
}

/**
 * The storage operations over `state`, unlocked: the caller serialises them (see `createMemoryStorage`).
 * Every write records its inverse into `journal` when one is given, so a transaction can be rolled
 * back. Internal to the package: the joint storage + permission transaction builds on it.
 */
export function createMemoryStorageOperations(
  state: MemoryStorageState,
  journal?: Journal,
  settings: MemoryOperationsSettings = {},
): StorageOperations {
  const store = createStore(state, journal);
  const now = settings.now ?? Date.now;
  const readonly = settings.readonly ?? false;

  function stamp(list: MemoryList, requested?: number): number {
    const { assigned, listTimestamp } = bumpTimestamp(list.timestamp, requested, now());
    if (listTimestamp !== list.timestamp) store.setTimestamp(list, listTimestamp);
    return assigned;
  }

  function write(scope: Scope, id: string, input: ObjectData): StoredObject {
    const list = store.ensureList(scope.resource, scope.parent);
    const last_modified = stamp(list, requestedFromData(input.last_modified));
    const object: StoredObject = { ...input, id, last_modified };
    store.putObject(list, object);
    store.removeTombstone(list, id);
    return structuredClone(object);
  }

  function remove(
    list: MemoryList,
    object: StoredObject,
    withDeleted: boolean,
    requested?: number,
  ): Tombstone {
    const tombstone: Tombstone = { id: object.id, last_modified: stamp(list, requested), deleted: true };
    store.removeObject(list, object.id);
    if (withDeleted) store.putTombstone(list, tombstone);
    return { ...tombstone };
  }

  function* candidates(pattern: ScopePattern, includeDeleted: boolean): Generator<StoredOrDeleted> {
    for (const { list } of store.matchingLists(pattern)) {
      yield* list.objects.values();
      if (includeDeleted) yield* list.tombstones.values();
    }
  }

  // `forUpdate` reads need nothing more: the caller runs every call and transaction one at a time.
  return {
    async resourceTimestamp(scope) {
      const list = store.findList(scope.resource, scope.parent);
      if (list?.timestamp !== undefined) return list.timestamp;
      if (readonly) throw new ReadonlyError(READONLY_MESSAGE);
      return stamp(list ?? store.ensureList(scope.resource, scope.parent));
    },

    async allResourcesTimestamps(resource) {
      const timestamps = new Map<string, number>();
      for (const { parent, list } of store.matchingLists({ resource, parent: '*' })) {
        if (list.timestamp !== undefined) timestamps.set(parent, list.timestamp);
      }
      return timestamps;
    },

    async create(scope, data, options: CreateOptions = {}) {
      const input = structuredClone(data);
      const id = checkObjectId(
        input.id !== undefined ? input.id : (options.idGenerator ?? (() => crypto.randomUUID()))(),
      );
      const existing = store.findList(scope.resource, scope.parent)?.objects.get(id);
      if (existing !== undefined) throw new UnicityError(structuredClone(existing));
      return write(scope, id, input);
    },

    async get(scope, id) {
      const object = store.findList(scope.resource, scope.parent)?.objects.get(id);
      if (object === undefined) throw new ObjectNotFoundError(scope.resource, id);
      return structuredClone(object);
    },

    async update(scope, id, data) {
      return write(scope, checkObjectId(id), structuredClone(data));
    },

    async delete(scope, id, options: DeleteOptions = {}) {
      const list = store.findList(scope.resource, scope.parent);
      const object = list?.objects.get(id);
      if (list === undefined || object === undefined) throw new ObjectNotFoundError(scope.resource, id);
      return remove(list, object, options.withDeleted ?? true, requestedFromOption(options.lastModified));
    },

    async deleteAll(pattern, options: DeleteAllOptions = {}) {
      const owners = new Map<StoredOrDeleted, MemoryList>();
      for (const { list } of store.matchingLists(pattern)) {
        for (const object of list.objects.values()) owners.set(object, list);
      }
      const selected = selectObjects(owners.keys(), options);
      const withDeleted = options.withDeleted ?? true;
      return selected.map((object) => remove(owners.get(object)!, object as StoredObject, withDeleted));
    },

    async purgeDeleted(pattern, options: PurgeOptions = {}) {
      if (options.before !== undefined && options.maxRetained !== undefined) {
        throw new TypeError('purgeDeleted: `before` and `maxRetained` are mutually exclusive');
      }
      if (options.before !== undefined && !Number.isFinite(options.before)) {
        throw new TypeError('purgeDeleted: `before` must be a number of milliseconds');
      }
      if (options.maxRetained !== undefined) checkCount(options.maxRetained, 'purgeDeleted: `maxRetained`');
      let removed = 0;
      // Lists are kept even when emptied: their timestamps must never go back (a poller's `_since`).
      for (const { list } of [...store.matchingLists(pattern)]) {
        for (const tombstone of tombstonesToPurge(list, options)) {
          store.removeTombstone(list, tombstone.id);
          removed += 1;
        }
      }
      return removed;
    },

    async listAll(pattern, options: ListOptions = {}) {
      const selected = selectObjects(candidates(pattern, options.includeDeleted ?? false), options);
      return selected.map((object) => structuredClone(object));
    },

    async countAll(pattern, filters?: readonly Filter[]) {
      let count = 0;
      for (const object of candidates(pattern, false)) if (matchesFilters(object, filters)) count += 1;
      return count;
    },

    async trimObjects(scope, filters, maxObjects) {
      checkCount(maxObjects, 'trimObjects: `maxObjects`');
      const list = store.findList(scope.resource, scope.parent);
      if (list === undefined) return 0;
      const matching = selectObjects(list.objects.values(), { filters, sort: NEWEST_FIRST });
      const doomed = matching.slice(maxObjects);
      for (const object of doomed) store.removeObject(list, object.id);
      return doomed.length;
    },
  };
}
