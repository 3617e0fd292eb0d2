import type {
  Filter,
  JsonObject,
  StorageOperations,
  StoredObject,
  Tombstone,
  TransactionScope,
} from '@core/contracts';
import type { IdGenerator } from '../body/id-generators.ts';
import type { ResourceSchema } from '../body/validate-data.ts';
import type { Caller } from '../context.ts';
import type { Settings } from '../settings/settings.ts';

/** HTTP methods of a plural endpoint. */
export type PluralMethod = 'GET' | 'HEAD' | 'POST' | 'DELETE';
/** HTTP methods of an object endpoint. */
export type ObjectMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE';

/** URL parameters of a matched route (`{bucket_id: 'b', id: 'r'}`). */
export type RouteParams = Readonly<Record<string, string>>;

/**
 * A resource declaration: name, URLs, schema, permissions, id generation and hooks. Registering it
 * mounts Kinto's whole protocol for it (plural and object endpoints).
 */
export interface ResourceDefinition {
  /** Resource name: settings keys, events, errors `details.resource_name`, `<name>-plural` services. */
  readonly name: string;
  /** Hono path of the plural endpoint, without version prefix: `/buckets/:bucket_id/collections`. */
  readonly pluralPath: string;
  /** Hono path of the object endpoint (`:id` is the object id), or `null` for none. */
  readonly objectPath: string | null;
  /** Methods of the plural endpoint. Default `GET HEAD POST DELETE`. */
  readonly pluralMethods?: readonly PluralMethod[];
  /** Methods of the object endpoint. Default `GET PUT PATCH DELETE`. */
  readonly objectMethods?: readonly ObjectMethod[];
  /**
   * Parent id of the objects a request reaches (their list's storage scope). Default: the plural path
   * with its parameters filled in, minus the last segment (`/buckets/b/collections/c` for records);
   * `''` for a top-level resource. It may depend on who asks (Kinto's accounts: each user's own list,
   * `*` for administrators). Permissions are always checked on URL-based URIs, whatever it returns.
   */
  readonly parentId?: (params: RouteParams, request: ParentIdContext) => string;
  /**
   * The principal credited with the writes of a request (Kinto's `current_principal`): added to
   * `write` with `explicit_permissions`, and counted among the caller's principals when deciding
   * whether to show an object's permissions. Default: the caller's user id (`system.Everyone` when
   * anonymous). Kinto's accounts credit `account:<id>`, so an anonymous sign-up owns its account.
   */
  readonly writerPrincipal?: (request: {
    readonly caller: Caller;
    readonly settings: Settings;
    readonly parentId: string;
  }) => string;
  /** The data schema (valibot) and its options; schemaless (unknown fields kept) when absent. */
  readonly schema?: ResourceSchema;
  /** Id generator name or object; default the `<name>_id_generator` setting, else `id_generator`. */
  readonly idGenerator?: string | IdGenerator;
  /** Permission names accepted in bodies. Default `read`, `write`. */
  readonly permissions?: readonly string[];
  /**
   * Which permissions of this object or of its ancestors grant each permission of this resource
   * (Kinto's inheritance tree, permissions.md §3.3), keyed by permission then by resource name, e.g.
   * for records `{ write: { bucket: ['write'], collection: ['write'], record: ['write'] }, ... }`.
   * Read by the authorization layer; without it a permission is granted by itself only.
   */
  readonly inherits?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /**
   * The cache lifetime (seconds) of anonymous GET responses, when it depends on more than the
   * `<name>_cache_expires_seconds` setting (Kinto's records read bucket/collection settings and the
   * collection's `cache_expires`). `null` = no lifetime (`no-cache, no-store`).
   */
  readonly cacheExpires?: (context: CacheExpiresContext) => Promise<number | null> | number | null;
  /**
   * Rewrites the filters parsed from a plural query string (GET, HEAD, DELETE) before they reach the
   * storage and the pagination token (Kinto's `_extract_filters` override), e.g. to compare numeric
   * values of id-like fields as strings.
   */
  readonly listFilters?: (filters: readonly Filter[]) => Filter[];
  /** Hooks around writes, run inside the request's transaction. */
  readonly hooks?: ResourceHooks;
  /**
   * A parent object that must exist (Kinto's records need their collection): when `exists` answers
   * false the request is a 404 errno 111 with `details` — checked before authorization for writes,
   * after it for reads (permissions.md §3.7), so only callers allowed to read learn it is missing.
   */
  readonly requiredParent?: {
    exists(context: { readonly params: RouteParams; readonly storage: StorageOperations }): Promise<boolean>;
    details(params: RouteParams): { readonly id: string; readonly resource_name: string };
  };
}

/** What {@link ResourceDefinition.parentId} can look at. */
export interface ParentIdContext {
  readonly caller: Caller;
  readonly settings: Settings;
  /** The HTTP method (`HEAD` as such). */
  readonly method: string;
  /** `true` on the plural endpoint. */
  readonly plural: boolean;
  /** On a plural `POST`, the `data.id` sent (absent when the id is to be generated). */
  readonly postedId?: string;
}

/** What a hook can look at and use. */
export interface HookContext {
  readonly resource: string;
  readonly params: RouteParams;
  readonly parentId: string;
  readonly settings: Settings;
  readonly caller: Caller;
  /** The request's transaction: writes made here commit or roll back with the request's own. */
  readonly transaction: TransactionScope;
  /** The id of the object concerned: the URL's, or the one sent in a POST body (absent when generated). */
  readonly objectId: string | undefined;
}

type Awaitable<T> = T | Promise<T>;

/**
 * Hooks around writes. A `before*` hook may return replacement data (after validation, before
 * storage) or throw an `HttpError` to veto the write; an `after*` hook sees what was stored, and
 * throwing from it fails the request and rolls everything back.
 */
export interface ResourceHooks {
  beforeCreate?(context: HookContext, data: JsonObject): Awaitable<JsonObject | undefined>;
  beforeUpdate?(
    context: HookContext,
    data: JsonObject,
    existing: StoredObject,
  ): Awaitable<JsonObject | undefined>;
  beforeDelete?(context: HookContext, existing: StoredObject): Awaitable<void>;
  afterCreate?(context: HookContext, created: StoredObject): Awaitable<void>;
  afterUpdate?(context: HookContext, updated: StoredObject, previous: StoredObject): Awaitable<void>;
  afterDelete?(context: HookContext, tombstone: Tombstone, previous: StoredObject): Awaitable<void>;
}

/** What a {@link ResourceDefinition.cacheExpires} hook can look at. */
export interface CacheExpiresContext {
  readonly params: RouteParams;
  readonly settings: Settings;
  readonly storage: StorageOperations;
  /** The `<name>_cache_expires_seconds` setting, when set. */
  readonly configured: number | null;
}

/** The declared resource, with every default applied (what handlers work with). */
export type NormalizedResource = Required<Pick<ResourceDefinition, 'name' | 'pluralPath' | 'objectPath'>> & {
  readonly pluralMethods: readonly PluralMethod[];
  readonly objectMethods: readonly ObjectMethod[];
  readonly permissions: readonly string[];
  readonly definition: ResourceDefinition;
};

/** Declares a resource (identity function that checks the shape and keeps literal types). */
export function defineResource<const R extends ResourceDefinition>(definition: R): R {
  return definition;
}

/** Applies the defaults of {@link ResourceDefinition}. */
export function normalizeResource(definition: ResourceDefinition): NormalizedResource {
  return {
    name: definition.name,
    pluralPath: definition.pluralPath,
    objectPath: definition.objectPath,
    pluralMethods: definition.pluralMethods ?? ['GET', 'HEAD', 'POST', 'DELETE'],
    objectMethods: definition.objectMethods ?? ['GET', 'PUT', 'PATCH', 'DELETE'],
    permissions: definition.permissions ?? ['read', 'write'],
    definition,
  };
}
