import type { PermissionBackend, PermissionOperations } from '@core/contracts';
import { guardHandle, wrapMethods } from '@core/contracts';
import type { Sql } from 'postgres';
import { mapped } from './internal/errors.ts';
import { directExecutor, type Executor } from './internal/executor.ts';
import { closeClient, initializeSchema, pingServer } from './internal/lifecycle.ts';
import { createPermissionOperations } from './internal/permission-operations.ts';
import { runTransaction } from './internal/transaction.ts';

/** Options of {@link createPostgresPermission}. */
export interface PostgresPermissionOptions {
  /** The postgres.js client (its `search_path` selects the schema holding the tables). */
  readonly sql: Sql;
  /** Close the client in `close()` (default `false`: the caller owns it). */
  readonly ownsClient?: boolean;
  /** As `PostgresStorageOptions.transactionTimeoutMs`. */
  readonly transactionTimeoutMs?: number;
}

/** The permission operations bound to one transaction, guarded against use after its end. */
export function permissionHandle(executor: Executor, isOpen: () => boolean): PermissionOperations {
  return guardHandle(wrapMethods(createPermissionOperations(executor), mapped), isOpen);
}

/**
 * A PostgreSQL permission backend (name `postgresql`): ACEs in `access_control_entries`, group
 * memberships in `user_principals`, both indexed in both directions. Every call is atomic;
 * `transaction(fn)` runs `fn` in one database transaction. Driver failures reject with `BackendError`.
 */
export function createPostgresPermission(options: PostgresPermissionOptions): PermissionBackend {
  const { sql } = options;
  const direct = createPermissionOperations(directExecutor(sql));
  return {
    ...wrapMethods(direct, mapped),
    name: 'postgresql',

    transaction(fn) {
      return runTransaction(
        sql,
        (executor, isOpen) => fn(permissionHandle(executor, isOpen)),
        options.transactionTimeoutMs,
      );
    },

    initializeSchema: (schemaOptions) => initializeSchema(sql, schemaOptions),

    async flush() {
      await mapped(() => sql.unsafe('TRUNCATE access_control_entries, user_principals'));
    },

    heartbeat: () => pingServer(sql),

    close: () => closeClient(sql, options.ownsClient),
  };
}
