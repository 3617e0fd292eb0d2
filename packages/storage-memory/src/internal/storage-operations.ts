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
import { copyJson } from './copy.ts';
import type { Journal } from './journal.ts';
import {
  predicateOf,
  selectInTimeOrder,
  selectObjects,
  stampRange,
  timeOrderOf,
  walkRange,
} from './query.ts';
import { createStore, type MemoryList, type MemoryStorageState } from './store.ts';
import type { Cursor } from './time-order.ts';
import { isParentPattern } from './wildcard.ts';

/** Settings of {@link createMemoryStorageOperations}. */
export interface MemoryOperationsSettings {
  /** Refuse to store a list timestamp on read (`resourceTimestamp`). Default `false`. */
  readonly readonly?: boolean;
  /** Wall clock in milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Internal: the caller already hands in private copies of `data` (the backend copies arguments
   * before queueing a call), so they need not be copied again. Default `false`.
   */
  readonly ownsInputs?: boolean;
}

const READONLY_MESSAGE =
  'Resource timestamp cannot be written. Plural endpoint must be hit at least once from a writable instance.';

function drain<T>(next: Cursor<T>, skip = 0): T[] {
  const out: T[] = [];
  let skipped = 0;
  for (let entry = next(); entry !== undefined; entry = next()) {
    if (skipped < skip) skipped += 1;
    else out.push(entry);
  }
  return out;
}

function tombstonesToPurge(list: MemoryList, options: PurgeOptions): Tombstone[] {
  if (options.before !== undefined) {
    return drain(
      walkRange(list.tombstoneOrder, 'asc', { upper: { value: options.before, inclusive: false } }),
    );
  }
  if (options.maxRetained !== undefined) return drain(list.tombstoneOrder.descending(), options.maxRetained);
  return [...list.tombstones.values()];
}

/** The one list `pattern` names, when it names exactly one (no wildcard, a resource). */
function singleScope(pattern: ScopePattern): Scope | undefined {
  return pattern.resource !== null && !isParentPattern(pattern.parent)
    ? { resource: pattern.resource, parent: pattern.parent }
    : undefined;
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
  const own = settings.ownsInputs ? <T>(value: T): T => value : copyJson;

  function stamp(list: MemoryList, requested?: number): number {
    const { assigned, listTimestamp } = bumpTimestamp(list.timestamp, requested, now());
    if (listTimestamp !== list.timestamp) store.setTimestamp(list, listTimestamp);
    return assigned;
  }

  function write(scope: Scope, id: string, input: ObjectData): StoredObject {
    const list = store.ensureList(scope.resource, scope.parent);
    const last_modified = stamp(list, requestedFromData(input.last_modified));
    // `input` is a private copy: it becomes the stored object (same keys order as `{...input, id, last_modified}`).
    const object = input as StoredObject;
    object.id = id;
    object.last_modified = last_modified;
    store.putObject(list, object);
    store.removeTombstone(list, id);
    return copyJson(object);
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

  /**
   * The selection of `options` in `pattern`: walked in the list's timestamp order when `pattern` is
   * one list and the sort its timestamp order, else sorted from every candidate of the lists.
   */
  function select(pattern: ScopePattern, options: ListOptions): StoredOrDeleted[] {
    const scope = singleScope(pattern);
    const direction = timeOrderOf(options.sort);
    if (scope === undefined || direction === undefined) {
      return selectObjects(candidates(pattern, options.includeDeleted ?? false), options);
    }
    const list = store.findList(scope.resource, scope.parent);
    return list === undefined ? [] : selectInTimeOrder(list, direction, options);
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
      const input = own(data);
      const id = checkObjectId(
        input.id !== undefined ? input.id : (options.idGenerator ?? (() => crypto.randomUUID()))(),
      );
      const existing = store.findList(scope.resource, scope.parent)?.objects.get(id);
      if (existing !== undefined) throw new UnicityError(copyJson(existing));
      return write(scope, id, input);
    },

    async get(scope, id) {
      const object = store.findList(scope.resource, scope.parent)?.objects.get(id);
      if (object === undefined) throw new ObjectNotFoundError(scope.resource, id);
      return copyJson(object);
    },

    async update(scope, id, data) {
      return write(scope, checkObjectId(id), own(data));
    },

    async delete(scope, id, options: DeleteOptions = {}) {
      const list = store.findList(scope.resource, scope.parent);
      const object = list?.objects.get(id);
      if (list === undefined || object === undefined) throw new ObjectNotFoundError(scope.resource, id);
      return remove(list, object, options.withDeleted ?? true, requestedFromOption(options.lastModified));
    },

    async deleteAll(pattern, options: DeleteAllOptions = {}) {
      const withDeleted = options.withDeleted ?? true;
      const scope = singleScope(pattern);
      if (scope !== undefined && timeOrderOf(options.sort) !== undefined) {
        const list = store.findList(scope.resource, scope.parent);
        if (list === undefined) return [];
        const selected = select(scope, { ...options, includeDeleted: false }) as StoredObject[];
        return selected.map((object) => remove(list, object, withDeleted));
      }
      const owners = new Map<StoredOrDeleted, MemoryList>();
      for (const { list } of store.matchingLists(pattern)) {
        for (const object of list.objects.values()) owners.set(object, list);
      }
      const selected = selectObjects(owners.keys(), options);
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
      return select(pattern, options).map(copyJson);
    },

    async countAll(pattern, filters?: readonly Filter[]) {
      const scope = singleScope(pattern);
      if (scope !== undefined) {
        const list = store.findList(scope.resource, scope.parent);
        if (list === undefined) return 0;
        if (filters === undefined || filters.length === 0) return list.objects.size;
        const range = stampRange(filters);
        if (range.lower !== undefined || range.upper !== undefined) {
          const matches = predicateOf(filters);
          const next = walkRange(list.objectOrder, 'asc', range);
          let count = 0;
          for (let object = next(); object !== undefined; object = next()) if (matches(object)) count += 1;
          return count;
        }
      }
      const matches = predicateOf(filters);
      if (scope !== undefined && filters !== undefined && filters.length === 1) {
        // One `id` equality (a parent's existence check): the only candidate is found by its id.
        const [only] = filters;
        if (only?.field === 'id' && only.operator === 'eq' && typeof only.value === 'string') {
          const object = store.findList(scope.resource, scope.parent)?.objects.get(only.value);
          return object !== undefined && matches(object) ? 1 : 0;
        }
      }
      let count = 0;
      for (const object of candidates(pattern, false)) if (matches(object)) count += 1;
      return count;
    },

    async trimObjects(scope, filters, maxObjects) {
      checkCount(maxObjects, 'trimObjects: `maxObjects`');
      const list = store.findList(scope.resource, scope.parent);
      if (list === undefined) return 0;
      const matches = predicateOf(filters);
      const doomed: StoredObject[] = [];
      let kept = 0;
      const next = list.objectOrder.descending();
      for (let object = next(); object !== undefined; object = next()) {
        if (!matches(object)) continue;
        if (kept < maxObjects) kept += 1;
        else doomed.push(object);
      }
      for (const object of doomed) store.removeObject(list, object.id);
      return doomed.length;
    },
  };
}
