import type { PermissionBackend, StorageBackend } from '@core/contracts';
import { createMemoryPermission as createPermission } from './permission.ts';
import { createMemoryStorage as createStorage } from './storage.ts';

export {
  createMemoryBackends,
  type MemoryBackends,
  type MemoryBackendsOptions,
} from './backends.ts';
export {
  createMemoryCache,
  createMemoryCacheStore,
  DEFAULT_CACHE_MAX_SIZE_BYTES,
  type MemoryCacheOptions,
  type MemoryCacheStore,
} from './cache.ts';

/** Options of {@link createMemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * Read-only mode: `resourceTimestamp` refuses to initialise a list timestamp (`ReadonlyError`), as
   * a Kinto read-only instance does. Default `false`.
   */
  readonly readonly?: boolean;
  /** Wall clock in epoch milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Longest wait for the backend's lock, in milliseconds (default 10,000); past it the call fails
   * with `BackendError` (503) instead of hanging.
   */
  readonly lockTimeoutMs?: number;
  /** Longest a transaction may hold the lock, in milliseconds (default 30,000); past it, rolled back (503). */
  readonly transactionTimeoutMs?: number;
}

/** Options of {@link createMemoryPermission}. */
export interface MemoryPermissionOptions {
  /** As {@link MemoryStorageOptions.lockTimeoutMs}. */
  readonly lockTimeoutMs?: number;
  /** As {@link MemoryStorageOptions.transactionTimeoutMs}. */
  readonly transactionTimeoutMs?: number;
}

/**
 * An in-memory storage backend (name `memory`) with the reference semantics of the contracts.
 * Every call is atomic; `transaction(fn)` serialises with every other call and undoes all its writes
 * when `fn` rejects. Use {@link createMemoryBackends} for storage + permission transactions.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StorageBackend {
  return createStorage(options);
}

/**
 * An in-memory permission backend (name `memory`). Use {@link createMemoryBackends} for storage +
 * permission transactions.
 */
export function createMemoryPermission(options: MemoryPermissionOptions = {}): PermissionBackend {
  return createPermission(options);
}
