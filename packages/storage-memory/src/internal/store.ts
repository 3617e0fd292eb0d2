import type { ScopePattern, StoredObject, Tombstone } from '@core/contracts';
import type { Journal } from './journal.ts';
import { createTimeOrder, type TimeOrder } from './time-order.ts';
import { isParentPattern, parentMatcher } from './wildcard.ts';

/**
 * One (resource, parent) list: its live objects and its tombstones, each by id and in timestamp
 * order (the default sort walks the order, a page costs about its size), and its stored timestamp.
 */
export interface MemoryList {
  readonly objects: Map<string, StoredObject>;
  readonly tombstones: Map<string, Tombstone>;
  /** The values of `objects` by (`last_modified`, `id`). */
  readonly objectOrder: TimeOrder<StoredObject>;
  /** The values of `tombstones` by (`last_modified`, `id`). */
  readonly tombstoneOrder: TimeOrder<Tombstone>;
  /** The stored list timestamp; `undefined` when none was ever stored (or it was forgotten). */
  timestamp: number | undefined;
}

/**
 * Everything a memory storage holds, indexed by resource name then parent id, so that one list is
 * reached without scanning the others. Internal: shared between instances of the package only.
 */
export interface MemoryStorageState {
  readonly resources: Map<string, Map<string, MemoryList>>;
}

/** A list found by a {@link ScopePattern}. */
export interface MatchedList {
  readonly resource: string;
  readonly parent: string;
  readonly list: MemoryList;
}

/** Reads and journaled writes over a {@link MemoryStorageState}. */
export interface Store {
  findList(resource: string, parent: string): MemoryList | undefined;
  /** The list, created (empty, without timestamp) when missing. */
  ensureList(resource: string, parent: string): MemoryList;
  /** The lists `pattern` selects; lists created while iterating may or may not be visited. */
  matchingLists(pattern: ScopePattern): Generator<MatchedList>;
  putObject(list: MemoryList, object: StoredObject): void;
  removeObject(list: MemoryList, id: string): void;
  putTombstone(list: MemoryList, tombstone: Tombstone): void;
  removeTombstone(list: MemoryList, id: string): void;
  setTimestamp(list: MemoryList, timestamp: number | undefined): void;
}

/** An empty state. */
export function createMemoryStorageState(): MemoryStorageState {
  return { resources: new Map() };
}

/** Puts `entry` in place of `previous` (either may be absent) in a map and its order. */
function swap<V extends StoredObject | Tombstone>(
  map: Map<string, V>,
  order: TimeOrder<V>,
  id: string,
  previous: V | undefined,
  entry: V | undefined,
): void {
  if (previous !== undefined) order.remove(previous);
  if (entry === undefined) map.delete(id);
  else {
    map.set(id, entry);
    order.insert(entry);
  }
}

/**
 * Wraps `state`; every write records its exact inverse into `journal` (when given), so a rollback
 * restores objects, tombstones, list timestamps and the index itself.
 */
export function createStore(state: MemoryStorageState, journal?: Journal): Store {
  const record = (undo: () => void) => journal?.record(undo);

  function attach(resource: string, parent: string, list: MemoryList): void {
    let parents = state.resources.get(resource);
    if (parents === undefined) {
      parents = new Map();
      state.resources.set(resource, parents);
    }
    parents.set(parent, list);
  }

  function detach(resource: string, parent: string): void {
    const parents = state.resources.get(resource);
    if (parents === undefined) return;
    parents.delete(parent);
    if (parents.size === 0) state.resources.delete(resource);
  }

  function* listsOf(resource: string, parents: Map<string, MemoryList>, pattern: string) {
    if (!isParentPattern(pattern)) {
      const list = parents.get(pattern);
      if (list !== undefined) yield { resource, parent: pattern, list };
      return;
    }
    const matches = parentMatcher(pattern);
    for (const [parent, list] of parents) if (matches(parent)) yield { resource, parent, list };
  }

  return {
    findList: (resource, parent) => state.resources.get(resource)?.get(parent),

    ensureList(resource, parent) {
      const existing = state.resources.get(resource)?.get(parent);
      if (existing !== undefined) return existing;
      const list: MemoryList = {
        objects: new Map(),
        tombstones: new Map(),
        objectOrder: createTimeOrder(),
        tombstoneOrder: createTimeOrder(),
        timestamp: undefined,
      };
      attach(resource, parent, list);
      record(() => detach(resource, parent));
      return list;
    },

    *matchingLists(pattern) {
      if (pattern.resource !== null) {
        const parents = state.resources.get(pattern.resource);
        if (parents !== undefined) yield* listsOf(pattern.resource, parents, pattern.parent);
        return;
      }
      for (const [resource, parents] of state.resources) yield* listsOf(resource, parents, pattern.parent);
    },

    putObject(list, object) {
      const previous = list.objects.get(object.id);
      swap(list.objects, list.objectOrder, object.id, previous, object);
      record(() => swap(list.objects, list.objectOrder, object.id, object, previous));
    },

    removeObject(list, id) {
      const previous = list.objects.get(id);
      if (previous === undefined) return;
      swap(list.objects, list.objectOrder, id, previous, undefined);
      record(() => swap(list.objects, list.objectOrder, id, undefined, previous));
    },

    putTombstone(list, tombstone) {
      const previous = list.tombstones.get(tombstone.id);
      swap(list.tombstones, list.tombstoneOrder, tombstone.id, previous, tombstone);
      record(() => swap(list.tombstones, list.tombstoneOrder, tombstone.id, tombstone, previous));
    },

    removeTombstone(list, id) {
      const previous = list.tombstones.get(id);
      if (previous === undefined) return;
      swap(list.tombstones, list.tombstoneOrder, id, previous, undefined);
      record(() => swap(list.tombstones, list.tombstoneOrder, id, undefined, previous));
    },

    setTimestamp(list, timestamp) {
      const previous = list.timestamp;
      list.timestamp = timestamp;
      record(() => {
        list.timestamp = previous;
      });
    },
  };
}
