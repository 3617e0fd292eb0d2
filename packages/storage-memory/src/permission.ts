import type { PermissionBackend } from '@core/contracts';
import { guardHandle, wrapMethods } from '@core/contracts';
import { createLock, type Lock } from './internal/lock.ts';
import { createMemoryPermissionOperations } from './internal/permission-operations.ts';
import {
  clearPermissionState,
  createMemoryPermissionState,
  type MemoryPermissionState,
} from './internal/permission-state.ts';
import { runTransaction } from './internal/transaction.ts';

export { createMemoryPermissionOperations } from './internal/permission-operations.ts';
export { createMemoryPermissionState, type MemoryPermissionState } from './internal/permission-state.ts';

/** Options of {@link createMemoryPermission}. */
export interface MemoryPermissionOptions {
  /**
   * Internal: the lock serialising this backend's calls and transactions. Pass the lock of a memory
   * storage backend to build joint storage + permission transactions over one critical section.
   */
  readonly lock?: Lock;
  /** Internal: the state to serve (see {@link createMemoryPermissionState}); a fresh one by default. */
  readonly state?: MemoryPermissionState;
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

/**
 * A permission backend in process memory (name `memory`).
 *
 * Every call runs in the backend's lock. `transaction(fn)` holds the lock while `fn` runs, journals the
 * changes made through its handle and undoes them when `fn` rejects; the handle refuses calls once the
 * transaction has ended. Calls through the backend itself from inside `fn` wait for the transaction to
 * end: awaiting one there fails at the lock's deadline (`BackendError`), as does a transaction held
 * past it. The heartbeat is false when the lock cannot be had within its deadline.
 *
 * `deleteObjectPermissions` with an id ending in `/*` removes the ACEs of the descendants only (ids
 * starting with the id minus its `*`), not those of the parent object itself, as in Kinto.
 */
export function createMemoryPermission(options: MemoryPermissionOptions = {}): PermissionBackend {
  const lock =
    options.lock ??
    createLock({ timeoutMs: options.lockTimeoutMs, holdTimeoutMs: options.transactionTimeoutMs });
  const state = options.state ?? createMemoryPermissionState();
  const direct = wrapMethods(createMemoryPermissionOperations(state), (call) => lock.run(call));

  return {
    ...direct,
    name: 'memory',

    transaction(fn) {
      return runTransaction(lock, (journal, isOpen) =>
        fn(guardHandle(createMemoryPermissionOperations(state, journal), isOpen)),
      );
    },

    async initializeSchema() {},

    flush() {
      return lock.run(() => clearPermissionState(state));
    },

    heartbeat: () => lock.probe(),

    async close() {},
  };
}
