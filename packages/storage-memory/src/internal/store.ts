import type { ScopePattern, StoredObject, Tombstone } from '@core/contracts';
import type { Journal } from './journal.ts';
import { isParentPattern, parentMatcher } from './wildcard.ts';

/** One (resource, parent) list: its live objects, its tombstones and its stored timestamp. */
export interface MemoryList {
  readonly objects: Map<string, StoredObject>;
  readonly tombstones: Map<string, Tombstone>;
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

function setOrDelete<V>(map: Map<string, V>, key: string, value: V | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
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
      const list: MemoryList = { objects: new Map(), tombstones: new Map(), timestamp: undefined };
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
      list.objects.set(object.id, object);
      record(() => setOrDelete(list.objects, object.id, previous));
    },

    removeObject(list, id) {
      const previous = list.objects.get(id);
      if (previous === undefined) return;
      list.objects.delete(id);
      record(() => list.objects.set(id, previous));
    },

    putTombstone(list, tombstone) {
      const previous = list.tombstones.get(tombstone.id);
      list.tombstones.set(tombstone.id, tombstone);
      record(() => setOrDelete(list.tombstones, tombstone.id, previous));
    },

    removeTombstone(list, id) {
      const previous = list.tombstones.get(id);
      if (previous === undefined) return;
      list.tombstones.delete(id);
      record(() => list.tombstones.set(id, previous));
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
