import { DEFAULT_BODY_LIMITS } from '../body/body-limits.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../body/read-json-body.ts';

/**
 * The settings the protocol reads, under Kinto's names (toolkit.md §8), already parsed and typed.
 * Settings not listed here (per-resource ones such as `record_cache_expires_seconds`,
 * `plural_bucket_post_enabled`, `<bid>.<cid>.record_cache_expires_seconds`) are read from the
 * index signature by name.
 */
export interface Settings {
  project_name: string;
  project_version: string;
  project_docs: string;
  /** `"1.23"`; its major component is the URL prefix (`/v1`). */
  http_api_version: string;
  /** Force the scheme of generated URLs (hello `url`, `Next-Page`). */
  http_scheme: string | null;
  /** Force the host of generated URLs. */
  http_host: string | null;
  readonly: boolean;
  batch_max_requests: number;
  /** Largest request body, bytes (413 beyond). Ours, not Kinto's. */
  body_max_bytes: number;
  /** Deepest nesting of a JSON body (objects and arrays count one level each). Ours. */
  body_max_depth: number;
  /** Most keys in one object of a JSON body. Ours. */
  body_max_object_keys: number;
  /** Most items in one array of a JSON body. Ours. */
  body_max_array_items: number;
  /** Maximum page size; `null` = none. */
  paginate_by: number | null;
  /** Hard cap on objects fetched by one query. */
  storage_max_fetch_size: number;
  /** Lifetime of DELETE pagination tokens, seconds. */
  pagination_token_validity_seconds: number;
  /** Secret signing pagination tokens (HMAC-SHA256); generated at start-up when empty. */
  pagination_token_secret: string;
  explicit_permissions: boolean;
  /** Allowed CORS origins (glob patterns); `['*']` by default. */
  cors_origins: string[];
  /** `Access-Control-Max-Age`; `null` = header absent. */
  cors_max_age_seconds: number | null;
  /** `Backoff` header value in seconds; `null` = none. */
  backoff: number | null;
  /** Percentage (0–100) of responses carrying `Backoff`; `null` = all. */
  backoff_percentage: number | null;
  retry_after_seconds: number;
  /** End-of-service date (ISO 8601); `null` = none. */
  eos: string | null;
  eos_message: string | null;
  eos_url: string | null;
  error_info_link: string;
  version_json_path: string;
  version_prefix_redirect_enabled: boolean;
  version_prefix_redirect_ttl_seconds: number;
  trailing_slash_redirect_enabled: boolean;
  trailing_slash_redirect_ttl_seconds: number;
  root_cache_expires_seconds: number;
  heartbeat_timeout_seconds: number;
  /**
   * Reverse proxies in front of the server whose `X-Forwarded-For` entries are trusted to name the
   * client address (see `ApiOptions.clientAddress`); 0 (default) trusts none. Ours.
   */
  trusted_proxies: number;
  /** Default id generator name for resources without their own (`uuid4`). */
  id_generator: string;
  /** Other settings, by name (per-resource switches and cache expiries, plugin settings). */
  [name: string]: unknown;
}

/** Kinto's defaults for every setting of {@link Settings}. */
export const DEFAULT_SETTINGS: Settings = {
  project_name: 'kinto',
  project_version: '0.0.0',
  project_docs: 'https://kinto.readthedocs.io/',
  http_api_version: '1.23',
  http_scheme: null,
  http_host: null,
  readonly: false,
  batch_max_requests: 25,
  body_max_bytes: DEFAULT_MAX_BODY_BYTES,
  body_max_depth: DEFAULT_BODY_LIMITS.maxDepth,
  body_max_object_keys: DEFAULT_BODY_LIMITS.maxObjectKeys,
  body_max_array_items: DEFAULT_BODY_LIMITS.maxArrayItems,
  paginate_by: null,
  storage_max_fetch_size: 10_000,
  pagination_token_validity_seconds: 600,
  pagination_token_secret: '',
  explicit_permissions: true,
  cors_origins: ['*'],
  cors_max_age_seconds: 3600,
  backoff: null,
  backoff_percentage: null,
  retry_after_seconds: 3,
  eos: null,
  eos_message: null,
  eos_url: null,
  error_info_link: 'https://github.com/Kinto/kinto/issues/',
  version_json_path: 'version.json',
  version_prefix_redirect_enabled: true,
  version_prefix_redirect_ttl_seconds: -1,
  trailing_slash_redirect_enabled: true,
  trailing_slash_redirect_ttl_seconds: 3600,
  root_cache_expires_seconds: 86_400,
  heartbeat_timeout_seconds: 10,
  trusted_proxies: 0,
  id_generator: 'uuid4',
};
