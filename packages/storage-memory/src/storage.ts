import type {
  CreateOptions,
  DeleteAllOptions,
  DeleteOptions,
  Filter,
  ListOptions,
  ObjectData,
  PurgeOptions,
  ReadOptions,
  Scope,
  ScopePattern,
  StorageBackend,
  StorageOperations,
} from '@core/contracts';
import { guardHandle } from '@core/contracts';
import { copyJson } from './internal/copy.ts';
import { countResources } from './internal/count-resources.ts';
import { createLock, type Lock } from './internal/lock.ts';
import {
  createMemoryStorageOperations,
  type MemoryOperationsSettings,
} from './internal/storage-operations.ts';
import { createMemoryStorageState, type MemoryStorageState } from './internal/store.ts';
import { runTransaction } from './internal/transaction.ts';

export {
  createMemoryStorageOperations,
  type MemoryOperationsSettings,
} from './internal/storage-operations.ts';
export { createMemoryStorageState, type MemoryList, type MemoryStorageState } from './internal/store.ts';

/** Options of {@link createMemoryStorage}. */
export interface MemoryStorageOptions extends MemoryOperationsSettings {
  /**
   * Internal: the state to work on. Pass another instance's state (with its `lock`) to get a second
   * view of the same data, e.g. a read-only one. Default: a fresh, empty state.
   */
  readonly state?: MemoryStorageState;
  /**
   * Internal: the lock serialising every call and transaction. Instances sharing a state must share
   * it, and so must the memory permission backend when it joins storage transactions.
   */
  readonly lock?: Lock;
  /**
   * Longest wait for the lock, in milliseconds (default 10,000); past it the call fails with
   * `BackendError` (503). Ignored when `lock` is given.
   */
  readonly lockTimeoutMs?: number;
  /**
   * Longest a transaction may hold the lock, in milliseconds (default 30,000); past it, it is rolled
   * back and fails with `BackendError` (503). Ignored when `lock` is given.
   */
  readonly transactionTimeoutMs?: number;
}

/** Copies the caller's arguments before the call is queued, so later mutations cannot leak in. */
const snapshot = <T>(value: T): T => copyJson(value);
const scopeOf = <S extends ScopePattern>(scope: S): S => ({ ...scope });

/**
 * An in-memory storage backend (name `memory`): the reference semantics of the contracts, edge-safe.
 * Every call is atomic; `transaction` holds the lock for its whole callback and undoes every write
 * when the callback rejects. With `readonly: true`, `resourceTimestamp` refuses to initialise a
 * list timestamp (`ReadonlyError`).
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StorageBackend {
  const state = options.state ?? createMemoryStorageState();
  const lock =
    options.lock ??
    createLock({ timeoutMs: options.lockTimeoutMs, holdTimeoutMs: options.transactionTimeoutMs });
  // Arguments are copied before a call is queued: the operations may keep those copies.
  const settings: MemoryOperationsSettings = {
    readonly: options.readonly ?? false,
    now: options.now ?? Date.now,
    ownsInputs: true,
  };

  function atomic<T>(fn: (ops: StorageOperations) => Promise<T>): Promise<T> {
    return runTransaction(lock, (journal, isOpen) =>
      fn(guardHandle(createMemoryStorageOperations(state, journal, settings), isOpen)),
    );
  }

  /** One operation as its own transaction: its handle is used once, at once, and never escapes. */
  function single<T>(fn: (ops: StorageOperations) => Promise<T>): Promise<T> {
    return runTransaction(lock, (journal) => fn(createMemoryStorageOperations(state, journal, settings)));
  }

  return {
    name: 'memory',

    countByResource(resources: readonly string[]) {
      const names = [...resources];
      return runTransaction(lock, async () => countResources(state, names));
    },

    resourceTimestamp(scope: Scope, readOptions?: ReadOptions) {
      const target = scopeOf(scope);
      return single((ops) => ops.resourceTimestamp(target, readOptions));
    },
    allResourcesTimestamps(resource: string) {
      return single((ops) => ops.allResourcesTimestamps(resource));
    },
    create(scope: Scope, data: ObjectData, createOptions?: CreateOptions) {
      const [target, input] = [scopeOf(scope), snapshot(data)];
      return single((ops) => ops.create(target, input, createOptions));
    },
    get(scope: Scope, id: string, readOptions?: ReadOptions) {
      const target = scopeOf(scope);
      return single((ops) => ops.get(target, id, readOptions));
    },
    update(scope: Scope, id: string, data: ObjectData) {
      const [target, input] = [scopeOf(scope), snapshot(data)];
      return single((ops) => ops.update(target, id, input));
    },
    delete(scope: Scope, id: string, deleteOptions?: DeleteOptions) {
      const [target, settled] = [scopeOf(scope), snapshot(deleteOptions)];
      return single((ops) => ops.delete(target, id, settled));
    },
    deleteAll(pattern: ScopePattern, deleteOptions?: DeleteAllOptions) {
      const [target, settled] = [scopeOf(pattern), snapshot(deleteOptions)];
      return single((ops) => ops.deleteAll(target, settled));
    },
    purgeDeleted(pattern: ScopePattern, purgeOptions?: PurgeOptions) {
      const [target, settled] = [scopeOf(pattern), snapshot(purgeOptions)];
      return single((ops) => ops.purgeDeleted(target, settled));
    },
    listAll(pattern: ScopePattern & { readonly resource: string }, listOptions?: ListOptions) {
      const [target, settled] = [scopeOf(pattern), snapshot(listOptions)];
      return single((ops) => ops.listAll(target, settled));
    },
    countAll(pattern: ScopePattern & { readonly resource: string }, filters?: readonly Filter[]) {
      const [target, settled] = [scopeOf(pattern), snapshot(filters)];
      return single((ops) => ops.countAll(target, settled));
    },
    trimObjects(scope: Scope, filters: readonly Filter[], maxObjects: number) {
      const [target, settled] = [scopeOf(scope), snapshot(filters)];
      return single((ops) => ops.trimObjects(target, settled, maxObjects));
    },

    transaction: atomic,

    async initializeSchema() {},

    flush() {
      return lock.run(() => {
        state.resources.clear();
      });
    },

    heartbeat: () => lock.probe(),

    async close() {},
  };
}
