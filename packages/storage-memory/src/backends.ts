import type { Backends, CacheBackend, PermissionBackend, StorageBackend, Transactor } from '@core/contracts';
import { guardHandle } from '@core/contracts';
import { createMemoryCache, type MemoryCacheOptions } from './cache.ts';
import { createLock } from './internal/lock.ts';
import { createMemoryPermissionOperations } from './internal/permission-operations.ts';
import { createMemoryPermissionState } from './internal/permission-state.ts';
import {
  createMemoryStorageOperations,
  type MemoryOperationsSettings,
} from './internal/storage-operations.ts';
import { createMemoryStorageState } from './internal/store.ts';
import { runTransaction } from './internal/transaction.ts';
import { createMemoryPermission } from './permission.ts';
import { createMemoryStorage } from './storage.ts';

/** Options of {@link createMemoryBackends}. */
export interface MemoryBackendsOptions {
  /** Storage settings: read-only mode and clock. */
  readonly storage?: Partial<MemoryOperationsSettings>;
  /** Cache settings: prefix, size bound, clock. */
  readonly cache?: MemoryCacheOptions;
  /** Longest wait for the shared lock, in milliseconds (default 10,000); past it, 503. */
  readonly lockTimeoutMs?: number;
  /**
   * Longest a transaction may hold the shared lock, in milliseconds (default 30,000); past it, it is
   * rolled back, fails with `BackendError` (503) and the lock is released.
   */
  readonly transactionTimeoutMs?: number;
}

/** The memory backends, with a joint storage + permission transaction. */
export interface MemoryBackends extends Backends {
  readonly storage: StorageBackend;
  readonly permission: PermissionBackend;
  readonly cache: CacheBackend;
  readonly transaction: Transactor;
}

/**
 * Storage, permission and cache backends in memory, sharing one lock so that `transaction` covers
 * storage and permission writes together: both commit when the callback resolves, both roll back
 * when it rejects. The embedded default of the toolkit.
 */
export function createMemoryBackends(options: MemoryBackendsOptions = {}): MemoryBackends {
  const lock = createLock({ timeoutMs: options.lockTimeoutMs, holdTimeoutMs: options.transactionTimeoutMs });
  const settings: MemoryOperationsSettings = {
    readonly: options.storage?.readonly ?? false,
    now: options.storage?.now ?? Date.now,
  };
  const storageState = createMemoryStorageState();
  const permissionState = createMemoryPermissionState();

  const transaction: Transactor = (fn) =>
    runTransaction(lock, (journal, isOpen) =>
      fn({
        storage: guardHandle(createMemoryStorageOperations(storageState, journal, settings), isOpen),
        permission: guardHandle(createMemoryPermissionOperations(permissionState, journal), isOpen),
      }),
    );

  return {
    storage: createMemoryStorage({ ...settings, state: storageState, lock }),
    permission: createMemoryPermission({ state: permissionState, lock }),
    cache: createMemoryCache(options.cache),
    transaction,
  };
}
