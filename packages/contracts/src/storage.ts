import type { Filter } from './filters.ts';
import type { ObjectData, StoredObject, StoredOrDeleted, Tombstone } from './objects.ts';
import type { Scope, ScopePattern } from './scope.ts';
import type { KeysetCursor, Sort } from './sorting.ts';

/** What to select in a listing. Every member is optional; omitted means "no constraint". */
export interface ListOptions {
  /** Conjunction of conditions (see {@link Filter}). */
  readonly filters?: readonly Filter[];
  /**
   * Sort criteria, most significant first. Backends always append `id` ascending as the final
   * tie-break, so the order is total. Without criteria: `last_modified` descending, then `id`.
   */
  readonly sort?: readonly Sort[];
  /** Only objects strictly after this cursor in the requested order (keyset pagination). */
  readonly after?: KeysetCursor;
  /** Maximum number of objects returned; a non-negative integer. Omitted: no limit. */
  readonly limit?: number;
  /**
   * Include tombstones (`{id, last_modified, deleted: true}`) alongside live objects. Filters and
   * sorting apply to them through their three fields. Default `false`.
   */
  readonly includeDeleted?: boolean;
}

/**
 * The objects of one list a caller may see through ACEs on the objects themselves (a shared listing,
 * permissions.md §3.7): those whose URI, `uriPrefix` followed by the object id, holds in the permission
 * backend an ACE granting one of `permissions` to one of `principals`.
 */
export interface SharedRestriction {
  /** The URI of the list's objects up to their id, `/buckets/b/collections/c/records/`. */
  readonly uriPrefix: string;
  readonly permissions: readonly string[];
  readonly principals: readonly string[];
}

/** Options of {@link StorageOperations.get} and {@link StorageOperations.resourceTimestamp}. */
export interface ReadOptions {
  /**
   * Read for a write that depends on the result (a precondition check, a merge): the object read by
   * `get` — also when it is absent — or the whole list read by `resourceTimestamp` is *reserved* until
   * the enclosing transaction ends. Until then, other transactions' writes to it and their own
   * `forUpdate` reads of it wait, and the value returned is the latest committed one. A backend may
   * reserve more than asked (the whole list for one object), never less. Outside a transaction the
   * reservation ends with the call. Default `false`: a plain read, which never waits for writers.
   */
  readonly forUpdate?: boolean;
}

/** Options of {@link StorageOperations.create}. */
export interface CreateOptions {
  /** Called to obtain an id when `data.id` is absent. Default: a random UUID v4. */
  readonly idGenerator?: () => string;
}

/** Options of {@link StorageOperations.delete}. */
export interface DeleteOptions {
  /** Keep a tombstone (default `true`). */
  readonly withDeleted?: boolean;
  /**
   * Requested timestamp for the tombstone, applied with the bump rules of
   * {@link StorageOperations.create}. Ignored unless it is a non-negative integer.
   */
  readonly lastModified?: number;
}

/** Options of {@link StorageOperations.deleteAll}: which objects, in what order, how many. */
export interface DeleteAllOptions extends Omit<ListOptions, 'includeDeleted'> {
  /** Keep a tombstone for each deleted object (default `true`). */
  readonly withDeleted?: boolean;
}

/** Options of {@link StorageOperations.purgeDeleted}. `before` and `maxRetained` are exclusive. */
export interface PurgeOptions {
  /** Remove only tombstones with `last_modified < before` (milliseconds). */
  readonly before?: number;
  /** Keep the `maxRetained` most recent tombstones of each (resource, parent) list, remove the rest. */
  readonly maxRetained?: number;
}

/**
 * The storage operations, usable directly (each call is atomic) or on the handle that
 * {@link StorageBackend.transaction} passes to its callback.
 *
 * ## Timestamps
 * Every (resource, parent) list has a *list timestamp*: the highest `last_modified` ever assigned in
 * it, deletions included; it never decreases. Each create, update and delete assigns the object a
 * timestamp with this rule (`current` = the list timestamp, `now` = wall clock in ms):
 * - no requested value: `max(now, current + 1)`, which becomes the list timestamp;
 * - requested value `v` (the integer `data.last_modified`, or `DeleteOptions.lastModified`):
 *   `v == current` → `current + 1` (list timestamp bumped); `v > current` → `v` (list timestamp
 *   becomes `v`); `v < current` → `v` kept as is, list timestamp unchanged.
 * So timestamps assigned without a requested value are unique and strictly increasing per list, even
 * within one millisecond, across deletes and under any concurrency.
 *
 * Writes to one list become visible in timestamp order: a reader that sees an object of a list also
 * sees every object of that list stamped lower without a requested value (serialise each list's
 * writers until commit). Pollers following `_since` rely on it never to miss a change.
 *
 * ## Read-modify-write
 * A write computed from a read (a merge, a check of `If-Match`, a create after "absent") is atomic
 * when the read is made with {@link ReadOptions.forUpdate} inside the transaction that writes:
 * concurrent ones then run one after the other, each seeing what the previous one committed. Of
 * concurrent conditional writes exactly one wins; concurrent merges lose nothing. Two transactions
 * reserving the same objects in opposite orders may deadlock: the backend then fails one of them
 * with `IntegrityError` (retryable) instead of waiting forever.
 *
 * ## Strings
 * A string holding NUL or a lone UTF-16 surrogate (in data, an id or a parent id) may be refused
 * with `TypeError` (PostgreSQL cannot store them); a backend never stores one altered.
 *
 * ## Errors
 * Every method may reject with `BackendError` (the backend is unreachable or failed) and
 * `IntegrityError` (a concurrent write conflicted; the caller may retry). Other errors are listed on
 * each method. Returned objects are copies: mutating them never changes what is stored, and mutating
 * an argument after the call never changes what was stored.
 */
export interface StorageOperations {
  /**
   * The list timestamp of `scope`. If none was ever stored (empty list never read before), a fresh
   * one (`now`, monotonic) is stored and returned, so an empty list has a stable, non-zero timestamp.
   * With `forUpdate`, reserves the whole list for the enclosing transaction (see {@link ReadOptions}).
   * @returns milliseconds since the Unix epoch.
   * @throws ReadonlyError when the backend is read-only and no timestamp is stored yet.
   */
  resourceTimestamp(scope: Scope, options?: ReadOptions): Promise<number>;

  /**
   * The stored list timestamps of every parent of `resource` (parents never read nor written are
   * absent). Does not initialize anything.
   * @returns a map from parent id to milliseconds.
   */
  allResourcesTimestamps(resource: string): Promise<Map<string, number>>;

  /**
   * Creates an object. The id is `data.id` when present, else `options.idGenerator()` or a UUID v4.
   * A tombstone with the same id is replaced. The timestamp follows the rules above, using
   * `data.last_modified` when it is an integer.
   * @returns the stored object (with `id` and `last_modified`).
   * @throws UnicityError (carrying the existing object) when a live object has that id.
   */
  create(scope: Scope, data: ObjectData, options?: CreateOptions): Promise<StoredObject>;

  /**
   * Reads one live object; with `forUpdate`, reserves it for the enclosing transaction (see
   * {@link ReadOptions}), absent or not.
   * @throws ObjectNotFoundError when absent or deleted (tombstones count as absent).
   */
  get(scope: Scope, id: string, options?: ReadOptions): Promise<StoredObject>;

  /**
   * Creates or replaces the whole object `id` with `data` (an upsert; no merge). `data.id` is ignored
   * in favour of `id`; the timestamp follows the rules above. A tombstone with that id is replaced.
   * @returns the stored object.
   */
  update(scope: Scope, id: string, data: ObjectData): Promise<StoredObject>;

  /**
   * Deletes a live object and, unless `withDeleted` is false, leaves a tombstone with a new timestamp.
   * @returns the tombstone `{id, last_modified, deleted: true}` (also when none is kept).
   * @throws ObjectNotFoundError when no live object has that id.
   */
  delete(scope: Scope, id: string, options?: DeleteOptions): Promise<Tombstone>;

  /**
   * Deletes the live objects matching `options` in `pattern` (wildcard parents and `resource: null`
   * allowed), in the requested order and up to `limit`. Each deleted object gets its own new
   * timestamp in its own list, assigned in deletion order.
   * @returns the tombstones, in deletion order.
   */
  deleteAll(pattern: ScopePattern, options?: DeleteAllOptions): Promise<Tombstone[]>;

  /**
   * Removes tombstones (never live objects) in `pattern`; with `before`, only those older than it;
   * with `maxRetained`, all but the N most recent of each list. List timestamps are left as they
   * are (never forgotten nor lowered), so a client polling with `_since` never sees time go back.
   * @returns the number of tombstones removed.
   * @throws TypeError when both `before` and `maxRetained` are given.
   */
  purgeDeleted(pattern: ScopePattern, options?: PurgeOptions): Promise<number>;

  /**
   * Lists objects of `pattern` (wildcard parents allowed) matching `options`, sorted and limited.
   * @returns copies of the objects (and tombstones when `includeDeleted`).
   */
  listAll(
    pattern: ScopePattern & { readonly resource: string },
    options?: ListOptions,
  ): Promise<StoredOrDeleted[]>;

  /**
   * Counts live objects of `pattern` matching `filters` (tombstones never count).
   * @returns a non-negative integer.
   */
  countAll(
    pattern: ScopePattern & { readonly resource: string },
    filters?: readonly Filter[],
  ): Promise<number>;

  /**
   * Optional capability of a storage whose database also holds the permission backend's ACEs (both
   * backends created together over one database): `listAll(scope, options)` restricted to the objects
   * `shared` lets the caller see, with the ACEs read in the same query (a join) rather than passed as
   * an `id in [...]` filter. Same objects, order, limit and cursor semantics as `listAll` with
   * `{ field: 'id', operator: 'in', value: <those ids> }` added to `options.filters`. A backend that
   * does not offer it leaves it (and `countShared`) undefined; callers then compute the ids themselves.
   */
  listShared?(scope: Scope, shared: SharedRestriction, options?: ListOptions): Promise<StoredOrDeleted[]>;

  /** `countAll(scope, filters)` restricted as {@link StorageOperations.listShared} restricts listings. */
  countShared?(scope: Scope, shared: SharedRestriction, filters?: readonly Filter[]): Promise<number>;

  /**
   * Keeps the `maxObjects` most recent (by `last_modified`) live objects of `scope` matching `filters`
   * and deletes the other matching ones without tombstones and without touching the list timestamp.
   * @returns the number of objects deleted.
   */
  trimObjects(scope: Scope, filters: readonly Filter[], maxObjects: number): Promise<number>;
}

/** Live objects and tombstones per resource name, zero counts left out (Kinto's `__counters__`). */
export interface ResourceCounts {
  readonly objects: Readonly<Record<string, number>>;
  readonly tombstones: Readonly<Record<string, number>>;
}

/** A storage backend: the operations plus lifecycle and transactions. */
export interface StorageBackend extends StorageOperations {
  /** Human-readable backend name for logs, metrics and heartbeat (e.g. `memory`, `postgresql`). */
  readonly name: string;

  /**
   * How many live objects and tombstones each of `resources` holds, every parent together: one pass
   * or one statement whatever the number of resources. Optional; without it, callers count live
   * objects with `countAll` per resource and report no tombstones.
   */
  countByResource?(resources: readonly string[]): Promise<ResourceCounts>;

  /**
   * Runs `fn` in one transaction: the writes made through the handle passed to `fn` become visible
   * to others and durable together when `fn` resolves, and are all discarded when it rejects (the
   * rejection is passed on). Calls through the backend itself (not the handle) from inside `fn` are
   * outside the transaction and may wait for it to end.
   */
  transaction<T>(fn: (tx: StorageOperations) => Promise<T>): Promise<T>;

  /** Creates or upgrades whatever the backend needs (tables, indexes). Idempotent. */
  initializeSchema(options?: { readonly dryRun?: boolean }): Promise<void>;

  /** Deletes everything: objects, tombstones and list timestamps. */
  flush(): Promise<void>;

  /** Resolves `true` when the backend can serve requests; never rejects. */
  heartbeat(): Promise<boolean>;

  /** Releases connections and timers. The backend must not be used afterwards. */
  close?(): Promise<void>;
}
