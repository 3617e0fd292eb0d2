import type { Settings } from '@core/http-api';
import {
  API_VERSION,
  BOOLEAN,
  integer,
  LIST,
  NON_EMPTY_TEXT,
  NON_NEGATIVE_NUMBER,
  NULLABLE_DATE,
  NULLABLE_TEXT,
  nullableInteger,
  POSITIVE_NUMBER,
  type SettingKind,
  TEXT,
} from './setting-kinds.ts';
import type { ToolkitSettings } from './toolkit-settings.ts';

type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };

type PoolKey<P extends string> =
  `${P}_${'pool_size' | 'max_overflow' | 'pool_recycle' | 'pool_timeout' | 'max_backlog'}`;

function poolKinds<P extends string>(prefix: P): Record<PoolKey<P>, SettingKind> {
  return {
    [`${prefix}_pool_size`]: integer(0),
    [`${prefix}_max_overflow`]: integer(0),
    [`${prefix}_pool_recycle`]: integer(-1),
    [`${prefix}_pool_timeout`]: NON_NEGATIVE_NUMBER,
    [`${prefix}_max_backlog`]: integer(-1),
  } as Record<PoolKey<P>, SettingKind>;
}

const PROTOCOL_KINDS: Record<NamedKeys<Settings>, SettingKind> = {
  project_name: NON_EMPTY_TEXT,
  project_version: TEXT,
  project_docs: TEXT,
  http_api_version: API_VERSION,
  http_scheme: NULLABLE_TEXT,
  http_host: NULLABLE_TEXT,
  readonly: BOOLEAN,
  batch_max_requests: integer(1),
  body_max_bytes: integer(1),
  body_max_depth: integer(2),
  body_max_object_keys: integer(1),
  body_max_array_items: integer(1),
  paginate_by: nullableInteger(1),
  storage_max_fetch_size: integer(1),
  pagination_token_validity_seconds: integer(1),
  pagination_token_secret: TEXT,
  explicit_permissions: BOOLEAN,
  cors_origins: LIST,
  cors_max_age_seconds: nullableInteger(0),
  backoff: nullableInteger(0),
  backoff_percentage: nullableInteger(0, 100),
  retry_after_seconds: integer(0),
  eos: NULLABLE_DATE,
  eos_message: NULLABLE_TEXT,
  eos_url: NULLABLE_TEXT,
  error_info_link: TEXT,
  version_json_path: TEXT,
  version_prefix_redirect_enabled: BOOLEAN,
  version_prefix_redirect_ttl_seconds: integer(),
  trailing_slash_redirect_enabled: BOOLEAN,
  trailing_slash_redirect_ttl_seconds: integer(),
  root_cache_expires_seconds: integer(),
  heartbeat_timeout_seconds: POSITIVE_NUMBER,
  trusted_proxies: integer(0),
  id_generator: NON_EMPTY_TEXT,
};

const TOOLKIT_KINDS: Record<Exclude<NamedKeys<ToolkitSettings>, NamedKeys<Settings>>, SettingKind> = {
  storage_backend: TEXT,
  storage_url: TEXT,
  ...poolKinds('storage'),
  storage_connect_timeout_seconds: NON_NEGATIVE_NUMBER,
  storage_statement_timeout_seconds: NON_NEGATIVE_NUMBER,
  storage_lock_timeout_seconds: POSITIVE_NUMBER,
  storage_transaction_timeout_seconds: POSITIVE_NUMBER,
  permission_backend: TEXT,
  permission_url: TEXT,
  ...poolKinds('permission'),
  cache_backend: TEXT,
  cache_url: TEXT,
  cache_hosts: LIST,
  cache_prefix: TEXT,
  cache_max_size_bytes: integer(1),
  ...poolKinds('cache'),
  includes: LIST,
  'multiauth.policies': LIST,
  userid_hmac_secret: TEXT,
  event_listeners: LIST,
  bucket_create_principals: LIST,
  permissions_read_principals: LIST,
  transaction_per_request: BOOLEAN,
  metrics_matchdict_fields: LIST,
  experimental_collection_schema_validation: BOOLEAN,
  experimental_permissions_endpoint: BOOLEAN,
  account_cache_ttl_seconds: integer(0),
};

/** Settings without a default that are still converted when given (plugins of toolkit.md §8). */
const OPTIONAL_KINDS: Record<string, SettingKind> = {
  default_bucket_hmac_secret: TEXT,
  'history.exclude_user_ids': LIST,
  'history.exclude_resources': LIST,
  'history.auto_trim_max_count': integer(-1),
  'history.auto_trim_user_ids': LIST,
  'history.auto_trim_threshold': integer(0),
  prometheus_prefix: TEXT,
  prometheus_disabled_metrics: LIST,
  statsd_url: NULLABLE_TEXT,
  statsd_prefix: TEXT,
  statsd_backend: TEXT,
  account_login_max_failures: integer(0),
  account_login_max_failures_per_address: integer(0),
  account_login_failure_window_seconds: integer(1),
};

/** Families of settings recognised by their name, first match wins. */
const PATTERN_KINDS: ReadonlyArray<readonly [RegExp, SettingKind]> = [
  [/^multiauth\.policy\.[^.]+\.use$/, NON_EMPTY_TEXT],
  [/^event_listeners\.[^.]+\.use$/, NON_EMPTY_TEXT],
  [/^event_listeners\.[^.]+\.(actions|resources)$/, LIST],
  [/_principals$/, LIST],
  [/_enabled$/, BOOLEAN],
  [/_cache_expires_seconds$/, nullableInteger()],
  [/_id_generator$/, NON_EMPTY_TEXT],
];

const NAMED_KINDS: ReadonlyMap<string, SettingKind> = new Map(
  Object.entries({ ...PROTOCOL_KINDS, ...TOOLKIT_KINDS, ...OPTIONAL_KINDS }),
);

/**
 * The conversion and validation of a setting (unprefixed name), or `undefined` for settings the
 * toolkit does not know (kept with Kinto's `native_value` rule).
 */
export function settingKind(name: string): SettingKind | undefined {
  const named = NAMED_KINDS.get(name);
  if (named) return named;
  for (const [pattern, kind] of PATTERN_KINDS) if (pattern.test(name)) return kind;
  return undefined;
}
