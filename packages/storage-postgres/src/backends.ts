import type { PermissionBackend, StorageBackend, Transactor } from '@core/contracts';
import postgres, { type Sql } from 'postgres';
import { clientOptions } from './internal/client-options.ts';
import { runTransaction } from './internal/transaction.ts';
import { createPostgresPermission, permissionHandle } from './permission.ts';
import { createPostgresStorage, storageHandle } from './storage.ts';

/** Where the backends connect: the caller's client, or a URL this package opens a client for. */
export type PostgresConnection =
  | { readonly sql: Sql }
  | {
      /** `postgres://user:password@host:port/database` (options in the query string as postgres.js reads them). */
      readonly url: string;
      /** Pool size of the client opened for `url` (default 10). */
      readonly max?: number;
      /**
       * Longest wait for a lock (PostgreSQL's `lock_timeout`), in milliseconds, default 10,000: a
       * write waiting longer for its list (another transaction holding it) fails with `BackendError`
       * (503) instead of waiting for ever. A `lock_timeout` in the URL's query string wins.
       */
      readonly lockTimeoutMs?: number;
      /**
       * Longest a statement may run on the server (PostgreSQL's `statement_timeout`, lock waits
       * included), in milliseconds, default 15,000; past it the server cancels it and the call fails
       * with `BackendError`. 0: no limit. A `statement_timeout` in the URL's query string wins.
       */
      readonly statementTimeoutMs?: number;
      /**
       * Longest one connection attempt may take (TCP, TLS, authentication), in milliseconds, default
       * 2,000; bounds how long calls wait on a server that does not answer at all. 0: no limit.
       */
      readonly connectTimeoutMs?: number;
      /**
       * Longest a call or transaction may wait for a pooled connection (all busy, or being opened),
       * in milliseconds, default 10,000; past it the call fails with `BackendError`. 0: no limit.
       * While the server refuses connections, calls fail at once whatever this is.
       */
      readonly poolTimeoutMs?: number;
    };

/** Options of {@link createPostgresBackends}. */
export type PostgresBackendsOptions = PostgresConnection & {
  /** Read-only storage (see `PostgresStorageOptions.readonly`). */
  readonly readonly?: boolean;
  /** Wall clock in epoch milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /** Longest a transaction may run, in milliseconds (default 30,000); past it, rolled back (503). */
  readonly transactionTimeoutMs?: number;
};

/** Storage and permission backends over one database, with a joint transaction. */
export interface PostgresBackends {
  readonly storage: StorageBackend;
  readonly permission: PermissionBackend;
  /** One database transaction covering storage and permission writes (one per HTTP request). */
  readonly transaction: Transactor;
  /** The client in use (the caller's, or the one opened for `url`). */
  readonly sql: Sql;
}

/** The client of `connection`, and whether this package opened it (and so must close it). */
export function openClient(connection: PostgresConnection): { sql: Sql; owned: boolean } {
  if ('sql' in connection) return { sql: connection.sql, owned: false };
  return { sql: postgres(connection.url, clientOptions(connection.max ?? 10, connection)), owned: true };
}

/**
 * PostgreSQL storage and permission backends sharing one client, and `transaction(fn)` running
 * `fn`'s storage and permission calls in one database transaction (one `sql.begin`, opened by the
 * first write; reads before it run on the pool): both commit when `fn` resolves and both roll back
 * when it rejects. Its storage handles offer `listShared`/`countShared` (shared listings joined with
 * the ACEs in SQL); `storage` alone does not, since it may be used with another permission backend. Run `migrate(sql)` (or
 * `storage.initializeSchema()`) once before use.
 */
export function createPostgresBackends(options: PostgresBackendsOptions): PostgresBackends {
  const { sql, owned } = openClient(options);
  const storageOptions = {
    sql,
    readonly: options.readonly,
    now: options.now,
    ownsClient: owned,
    transactionTimeoutMs: options.transactionTimeoutMs,
  };
  const transaction: Transactor = (fn) =>
    runTransaction(
      sql,
      (executor, isOpen) =>
        fn({
          storage: storageHandle(executor, storageOptions, isOpen, true),
          permission: permissionHandle(executor, isOpen),
        }),
      options.transactionTimeoutMs,
    );
  return {
    storage: createPostgresStorage(storageOptions),
    permission: createPostgresPermission({
      sql,
      ownsClient: owned,
      transactionTimeoutMs: options.transactionTimeoutMs,
    }),
    transaction,
    sql,
  };
}
