import type { StorageBackend, StorageOperations } from '@core/contracts';
import { guardHandle, wrapMethods } from '@core/contracts';
import type { Sql } from 'postgres';
import { countResources } from './internal/count-resources.ts';
import { mapped } from './internal/errors.ts';
import { directExecutor, type Executor } from './internal/executor.ts';
import { closeClient, initializeSchema, pingServer } from './internal/lifecycle.ts';
import { createStorageOperations } from './internal/storage-operations.ts';
import { runTransaction } from './internal/transaction.ts';

/** Options of {@link createPostgresStorage}. */
export interface PostgresStorageOptions {
  /** The postgres.js client (its `search_path` selects the schema holding the tables). */
  readonly sql: Sql;
  /**
   * Read-only mode: `resourceTimestamp` refuses to store an empty list's timestamp
   * (`ReadonlyError`), as a Kinto read-only instance does. Default `false`.
   */
  readonly readonly?: boolean;
  /** Wall clock in epoch milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /** Close the client in `close()` (default `false`: the caller owns it). */
  readonly ownsClient?: boolean;
  /**
   * Longest a `transaction(fn)` may run, in milliseconds (default 30,000): past it, it is rolled back
   * and rejects with `BackendError` (503), so it never holds its locks for ever.
   */
  readonly transactionTimeoutMs?: number;
}

/** The storage operations bound to one transaction, guarded against use after its end. */
export function storageHandle(
  executor: Executor,
  options: PostgresStorageOptions,
  isOpen: () => boolean,
  sharesPermissions = false,
): StorageOperations {
  const operations = createStorageOperations(executor, { ...settingsOf(options), sharesPermissions });
  return guardHandle(wrapMethods(operations, mapped), isOpen);
}

function settingsOf(options: PostgresStorageOptions) {
  return { readonly: options.readonly ?? false, now: options.now ?? Date.now };
}

/**
 * A PostgreSQL storage backend (name `postgresql`) over the caller's postgres.js client. Every call is
 * atomic (writes run in their own transaction); `transaction(fn)` runs `fn` in one database
 * transaction. Run {@link migrate} (or `initializeSchema()`) once before use. Driver failures reject
 * with `BackendError`, conflicts between concurrent transactions with `IntegrityError`.
 */
export function createPostgresStorage(options: PostgresStorageOptions): StorageBackend {
  const { sql } = options;
  const direct = createStorageOperations(directExecutor(sql), settingsOf(options));

  return {
    ...wrapMethods(direct, mapped),
    name: 'postgresql',

    transaction(fn) {
      return runTransaction(
        sql,
        (executor, isOpen) => fn(storageHandle(executor, options, isOpen)),
        options.transactionTimeoutMs,
      );
    },

    initializeSchema: (schemaOptions) => initializeSchema(sql, schemaOptions),

    async flush() {
      await mapped(() => sql.unsafe('TRUNCATE objects, timestamps'));
    },

    heartbeat: () => pingServer(sql),

    countByResource: (resources) => mapped(() => countResources(sql, resources)),

    close: () => closeClient(sql, options.ownsClient),
  };
}
