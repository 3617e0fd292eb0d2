import { DEFAULT_SETTINGS, type Settings } from '@core/http-api';

/** The name under which the toolkit's memory backends are selected (the default of every backend). */
export const MEMORY_BACKEND = '@core/storage-memory';

/**
 * All the settings the toolkit reads (toolkit.md §8), parsed and typed: the protocol settings of
 * `@core/http-api` plus backends, authentication, plugins and listeners. Other settings (plugin
 * ones, per-resource ones) are kept by name in the index signature.
 */
export interface ToolkitSettings extends Settings {
  /** Package providing the storage backend (see `resolveBackends`). */
  storage_backend: string;
  storage_url: string;
  storage_pool_size: number;
  storage_max_overflow: number;
  storage_pool_recycle: number;
  /**
   * Longest a request waits for a pooled database connection (all busy, or being opened), seconds,
   * 0 for no limit; past it, 503. Default 10 (Kinto: 30).
   */
  storage_pool_timeout: number;
  storage_max_backlog: number;
  /** Longest one connection attempt to the database may take, seconds, 0 for no limit (ours). */
  storage_connect_timeout_seconds: number;
  /** Longest one statement may run on the database, seconds, 0 for no limit; past it, 503 (ours). */
  storage_statement_timeout_seconds: number;
  /** Longest wait for a storage lock, seconds; past it the request fails with 503 (ours). */
  storage_lock_timeout_seconds: number;
  /** Longest a request's transaction may run (and hold its locks), seconds; past it, 503 (ours). */
  storage_transaction_timeout_seconds: number;
  /** Package providing the permission backend. */
  permission_backend: string;
  permission_url: string;
  permission_pool_size: number;
  permission_max_overflow: number;
  permission_pool_recycle: number;
  permission_pool_timeout: number;
  permission_max_backlog: number;
  /** Package providing the cache backend. */
  cache_backend: string;
  cache_url: string;
  cache_hosts: string[];
  /** Namespace of cache keys. */
  cache_prefix: string;
  /** Bound of the memory cache, bytes. */
  cache_max_size_bytes: number;
  cache_pool_size: number;
  cache_max_overflow: number;
  cache_pool_recycle: number;
  cache_pool_timeout: number;
  cache_max_backlog: number;
  /** Plugins to include, in order. */
  includes: string[];
  /** Authentication policy names, in order (`multiauth.policy.<name>.use` names each one's module). */
  'multiauth.policies': string[];
  /** Key of user id digests (Basic Auth ids, account cache keys); must be set in production. */
  userid_hmac_secret: string;
  /** Listener names (`event_listeners.<name>.use` names each one's module). */
  event_listeners: string[];
  /** Who may create buckets. */
  bucket_create_principals: string[];
  /** Who may read `/permissions`. */
  permissions_read_principals: string[];
  /** One storage + permission transaction per request. */
  transaction_per_request: boolean;
  /** Route fields used as labels of request metrics. */
  metrics_matchdict_fields: string[];
  experimental_collection_schema_validation: boolean;
  experimental_permissions_endpoint: boolean;
  /** Lifetime of cached account verifications, seconds. */
  account_cache_ttl_seconds: number;
}

/** Kinto's pool settings (`<prefix>_pool_size` 25, `_max_overflow` 5, ...) for one backend. */
function poolDefaults<P extends string>(prefix: P) {
  return {
    [`${prefix}_pool_size`]: 25,
    [`${prefix}_max_overflow`]: 5,
    [`${prefix}_pool_recycle`]: -1,
    [`${prefix}_pool_timeout`]: 30,
    [`${prefix}_max_backlog`]: -1,
  } as Record<
    `${P}_${'pool_size' | 'max_overflow' | 'pool_recycle' | 'pool_timeout' | 'max_backlog'}`,
    number
  >;
}

/**
 * Defaults of every {@link ToolkitSettings} field: `DEFAULT_SETTINGS` of `@core/http-api` plus
 * Kinto's defaults of the toolkit-level settings; every backend defaults to the memory backends.
 */
export const DEFAULT_TOOLKIT_SETTINGS: Readonly<ToolkitSettings> = Object.freeze({
  ...DEFAULT_SETTINGS,
  storage_backend: MEMORY_BACKEND,
  storage_url: '',
  ...poolDefaults('storage'),
  // Kinto waits 30 s for a connection; a request queued that long is better answered 503 + Retry-After.
  storage_pool_timeout: 10,
  storage_connect_timeout_seconds: 2,
  storage_statement_timeout_seconds: 15,
  storage_lock_timeout_seconds: 10,
  storage_transaction_timeout_seconds: 30,
  permission_backend: MEMORY_BACKEND,
  permission_url: '',
  ...poolDefaults('permission'),
  permission_pool_timeout: 10,
  cache_backend: MEMORY_BACKEND,
  cache_url: '',
  cache_hosts: [],
  cache_prefix: '',
  cache_max_size_bytes: 524_288,
  ...poolDefaults('cache'),
  includes: [],
  'multiauth.policies': [],
  userid_hmac_secret: '',
  event_listeners: [],
  bucket_create_principals: ['system.Authenticated'],
  permissions_read_principals: ['system.Everyone'],
  transaction_per_request: true,
  metrics_matchdict_fields: ['bucket_id', 'collection_id', 'group_id', 'record_id'],
  experimental_collection_schema_validation: false,
  experimental_permissions_endpoint: false,
  account_cache_ttl_seconds: 30,
});
