import type { PermissionBackend, StorageBackend } from '@core/contracts';
import { createPostgresBackends, openClient, type PostgresBackends } from './backends.ts';
import { createPostgresPermission } from './permission.ts';

/**
 * The settings these factories read (a subset of the toolkit's parsed settings): `storage_url`,
 * `storage_pool_size`, `storage_pool_timeout`, the `storage_*_timeout_seconds` deadlines,
 * `permission_url`, `permission_pool_size`, `permission_pool_timeout` and `readonly`.
 */
export interface PostgresSettings {
  readonly storage_url?: string;
  readonly storage_pool_size?: number;
  /** Longest wait for a pooled connection, seconds (0: no limit); default 10. */
  readonly storage_pool_timeout?: number;
  /** Longest one connection attempt, seconds (0: no limit); default 2. */
  readonly storage_connect_timeout_seconds?: number;
  /** Longest a statement may run, seconds (PostgreSQL's `statement_timeout`, 0: no limit); default 15. */
  readonly storage_statement_timeout_seconds?: number;
  /** Longest wait for a lock, seconds (PostgreSQL's `lock_timeout`); default 10. */
  readonly storage_lock_timeout_seconds?: number;
  /** Longest a request's transaction may run, seconds; default 30. */
  readonly storage_transaction_timeout_seconds?: number;
  readonly permission_url?: string;
  readonly permission_pool_size?: number;
  /** As `storage_pool_timeout`, for a permission client of its own (`permission_url`). */
  readonly permission_pool_timeout?: number;
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

/** A positive number of seconds in milliseconds; anything else leaves the default. */
function milliseconds(seconds: number | undefined): number | undefined {
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : undefined;
}

/** As {@link milliseconds}, with 0 kept: no limit. */
function limitMs(seconds: number | undefined): number | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function poolSize(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** The deadlines every client opened from settings gets. */
function deadlines(settings: Readonly<PostgresSettings>) {
  return {
    lockTimeoutMs: milliseconds(settings.storage_lock_timeout_seconds),
    statementTimeoutMs: limitMs(settings.storage_statement_timeout_seconds),
    connectTimeoutMs: limitMs(settings.storage_connect_timeout_seconds),
  };
}

function storageConnection(settings: Readonly<PostgresSettings>) {
  return {
    url: requireUrl(settings.storage_url, 'storage_url'),
    max: poolSize(settings.storage_pool_size),
    poolTimeoutMs: limitMs(settings.storage_pool_timeout),
    ...deadlines(settings),
    transactionTimeoutMs: milliseconds(settings.storage_transaction_timeout_seconds),
    readonly: settings.readonly ?? false,
  };
}

/** The storage backend for `storage_backend = @core/storage-postgres` (client opened from `storage_url`). */
export function createStorageFromSettings(settings: Readonly<PostgresSettings>): StorageBackend {
  return createPostgresBackends(storageConnection(settings)).storage;
}

/** The permission backend for `permission_backend = @core/storage-postgres` (`permission_url`, else `storage_url`). */
export function createPermissionFromSettings(settings: Readonly<PostgresSettings>): PermissionBackend {
  const url = settings.permission_url || settings.storage_url;
  const { sql } = openClient({
    url: requireUrl(url, 'permission_url'),
    max: poolSize(settings.permission_pool_size),
    poolTimeoutMs: limitMs(settings.permission_pool_timeout),
    ...deadlines(settings),
  });
  return createPostgresPermission({
    sql,
    ownsClient: true,
    transactionTimeoutMs: milliseconds(settings.storage_transaction_timeout_seconds),
  });
}

/**
 * Storage and permission over one client opened from `storage_url`, with the joint `transaction`:
 * what the toolkit uses when `storage_backend` and `permission_backend` both name this package. No
 * cache is provided: `cache_backend` must name a cache package.
 */
export function createBackendsFromSettings(settings: Readonly<PostgresSettings>): PostgresBackends {
  return createPostgresBackends(storageConnection(settings));
}
