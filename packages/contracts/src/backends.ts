import type { CacheBackend } from './cache.ts';
import type { PermissionBackend, PermissionOperations } from './permission.ts';
import type { StorageBackend, StorageOperations } from './storage.ts';

/** The storage and permission handles of one transaction. */
export interface TransactionScope {
  readonly storage: StorageOperations;
  readonly permission: PermissionOperations;
}

/**
 * Runs `fn` with storage and permission handles that commit together when `fn` resolves and roll back
 * together when it rejects. A backend package whose storage and permission backends share one
 * database provides a real joint transaction; the toolkit falls back to nesting both backends'
 * own transactions otherwise.
 */
export type Transactor = <T>(fn: (scope: TransactionScope) => Promise<T>) => Promise<T>;

/** The set of backends an application runs on. */
export interface Backends {
  readonly storage: StorageBackend;
  readonly permission: PermissionBackend;
  readonly cache: CacheBackend;
  /** Joint storage + permission transactions, when the backends support them. */
  readonly transaction?: Transactor;
}
