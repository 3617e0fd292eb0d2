import type { PermissionBackend, StorageBackend } from '@core/contracts';
import { createPostgresBackends, openClient, type PostgresBackends } from './backends.ts';
import { createPostgresPermission } from './permission.ts';

/**
 * The settings these factories read (a subset of the toolkit's parsed settings): `storage_url`,
 * `storage_pool_size`, `storage_lock_timeout_seconds`, `storage_transaction_timeout_seconds`,
 * `permission_url`, `permission_pool_size` and `readonly`.
 */
export interface PostgresSettings {
  readonly storage_url?: string;
  readonly storage_pool_size?: number;
  /** Longest wait for a lock, seconds (PostgreSQL's `lock_timeout`); default 10. */
  readonly storage_lock_timeout_seconds?: number;
  /** Longest a request's transaction may run, seconds; default 30. */
  readonly storage_transaction_timeout_seconds?: number;
  readonly permission_url?: string;
  readonly permission_pool_size?: number;
  readonly readonly?: boolean;
}

function requireUrl(url: string | undefined, setting: string): string {
  if (url === undefined || url === '') {
    throw new TypeError(
      `@core/storage-postgres needs the setting "${setting}" (postgres://user@host:port/db)`,
    );
  }
  return url;
}

function milliseconds(seconds: number | undefined): number | undefined {
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : undefined;
}

const lockTimeoutMs = (settings: Readonly<PostgresSettings>) =>
  milliseconds(settings.storage_lock_timeout_seconds);
const transactionTimeoutMs = (settings: Readonly<PostgresSettings>) =>
  milliseconds(settings.storage_transaction_timeout_seconds);

function poolSize(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** The storage backend for `storage_backend = @core/storage-postgres` (client opened from `storage_url`). */
export function createStorageFromSettings(settings: Readonly<PostgresSettings>): StorageBackend {
  return createPostgresBackends({
    url: requireUrl(settings.storage_url, 'storage_url'),
    max: poolSize(settings.storage_pool_size),
    lockTimeoutMs: lockTimeoutMs(settings),
    transactionTimeoutMs: transactionTimeoutMs(settings),
    readonly: settings.readonly ?? false,
  }).storage;
}

/** The permission backend for `permission_backend = @core/storage-postgres` (`permission_url`, else `storage_url`). */
export function createPermissionFromSettings(settings: Readonly<PostgresSettings>): PermissionBackend {
  const url = settings.permission_url || settings.storage_url;
  const { sql } = openClient({
    url: requireUrl(url, 'permission_url'),
    max: poolSize(settings.permission_pool_size),
    lockTimeoutMs: lockTimeoutMs(settings),
  });
  return createPostgresPermission({
    sql,
    ownsClient: true,
    transactionTimeoutMs: transactionTimeoutMs(settings),
  });
}

/**
 * Storage and permission over one client opened from `storage_url`, with the joint `transaction`:
 * what the toolkit uses when `storage_backend` and `permission_backend` both name this package. No
 * cache is provided: `cache_backend` must name a cache package.
 */
export function createBackendsFromSettings(settings: Readonly<PostgresSettings>): PostgresBackends {
  return createPostgresBackends({
    url: requireUrl(settings.storage_url, 'storage_url'),
    max: poolSize(settings.storage_pool_size),
    lockTimeoutMs: lockTimeoutMs(settings),
    transactionTimeoutMs: transactionTimeoutMs(settings),
    readonly: settings.readonly ?? false,
  });
}
