/** A permission name, e.g. `read`, `write`, `record:create`. */
export type Permission = string;

/**
 * A principal: a prefixed user id (`account:alice`), a group URI (`/buckets/b/groups/g`) or a system
 * principal (`system.Everyone`, `system.Authenticated`).
 */
export type Principal = string;

/** An object's access control entries: permission name → principals holding it. */
export type ObjectPermissions = Record<Permission, Principal[]>;

/** An (object URI, permission) pair, e.g. `['/buckets/b', 'write']`. */
export type BoundPermission = readonly [objectId: string, permission: Permission];

/** The principal every request has, authenticated or not. */
export const EVERYONE = 'system.Everyone';
/** The principal every authenticated request has. */
export const AUTHENTICATED = 'system.Authenticated';

/**
 * The permission operations, usable directly or on a transaction handle.
 *
 * Object ids are object URIs without version prefix (`/buckets/b/collections/c`). Returned principal
 * lists are sorted (code-point order) and free of duplicates. Every method may reject with
 * `BackendError`.
 */
export interface PermissionOperations {
  /** Gives `userId` the extra principal `principal` (a group membership). Idempotent. */
  addUserPrincipal(userId: Principal, principal: Principal): Promise<void>;

  /** Takes the extra principal away from `userId`. No-op when absent. */
  removeUserPrincipal(userId: Principal, principal: Principal): Promise<void>;

  /** Takes `principal` away from every user holding it (a group was deleted). */
  removePrincipal(principal: Principal): Promise<void>;

  /**
   * The extra principals of `userId` together with those given to `system.Authenticated` (so a group
   * of which `system.Authenticated` is a member applies to every authenticated user).
   */
  getUserPrincipals(userId: Principal): Promise<Principal[]>;

  /** Adds `principal` to the `permission` ACE of `objectId`. Idempotent. */
  addPrincipalToAce(objectId: string, permission: Permission, principal: Principal): Promise<void>;

  /** Removes `principal` from the `permission` ACE of `objectId`. No-op when absent. */
  removePrincipalFromAce(objectId: string, permission: Permission, principal: Principal): Promise<void>;

  /** The principals holding `permission` on `objectId` (empty when none). */
  getObjectPermissionPrincipals(objectId: string, permission: Permission): Promise<Principal[]>;

  /** Every non-empty ACE of `objectId`. */
  getObjectPermissions(objectId: string): Promise<ObjectPermissions>;

  /**
   * The ACEs of several objects at once, in the order of `objectIds` (an object without ACE gives
   * `{}`). With `permissions`, only those permission names are returned.
   */
  getObjectsPermissions(
    objectIds: readonly string[],
    permissions?: readonly Permission[],
  ): Promise<ObjectPermissions[]>;

  /**
   * Replaces the ACEs named in `permissions` (others are kept); an empty list removes that permission.
   */
  replaceObjectPermissions(
    objectId: string,
    permissions: Readonly<Record<Permission, readonly Principal[]>>,
  ): Promise<void>;

  /**
   * Removes every ACE of the given objects. An id ending in `/*` stands for every descendant (not the
   * object itself): `/buckets/a/*` removes the ACEs of `/buckets/a/collections/c`, never those of
   * `/buckets/a`, `/buckets/ab` or `/buckets/ab/...`; pass `['/buckets/a', '/buckets/a/*']` for an
   * object and its descendants. `*` anywhere else is a literal character.
   */
  deleteObjectPermissions(objectIds: readonly string[]): Promise<void>;

  /** The union of the principals holding any of the given (object, permission) pairs. */
  getAuthorizedPrincipals(bound: readonly BoundPermission[]): Promise<Principal[]>;

  /** `true` when one of `principals` holds one of the given (object, permission) pairs. */
  checkPermission(principals: Iterable<Principal>, bound: readonly BoundPermission[]): Promise<boolean>;

  /**
   * The objects on which `principals` hold permissions, with the permissions they hold there.
   *
   * With `bound`, only (object, permission) pairs matching one of the given (pattern, permission) pairs
   * are considered. In a pattern, `*` matches one or more characters other than `/` when
   * `withChildren` is `false`; when it is `true` (the default) it matches any run of characters,
   * `/` included, so `/buckets/*` also matches `/buckets/b/collections/c`. Other characters match
   * themselves only. Without `bound`, every object is considered. With `limit`, at most that many
   * objects (which ones is unspecified), each still with every permission held on it: `limit: 1`
   * tells whether there is any without reading them all.
   * @returns a map from object id to the permissions held on it.
   */
  getAccessibleObjects(
    principals: Iterable<Principal>,
    bound?: readonly BoundPermission[],
    options?: { readonly withChildren?: boolean; readonly limit?: number },
  ): Promise<Map<string, Set<Permission>>>;
}

/** A permission backend: the operations plus lifecycle and transactions. */
export interface PermissionBackend extends PermissionOperations {
  /** Backend name for logs, metrics and heartbeat. */
  readonly name: string;
  /** Runs `fn` in one transaction, with the semantics of `StorageBackend.transaction`. */
  transaction<T>(fn: (tx: PermissionOperations) => Promise<T>): Promise<T>;
  /** Creates or upgrades what the backend needs. Idempotent. */
  initializeSchema(options?: { readonly dryRun?: boolean }): Promise<void>;
  /** Deletes every ACE and every user principal. */
  flush(): Promise<void>;
  /** Resolves `true` when the backend can serve requests; never rejects. */
  heartbeat(): Promise<boolean>;
  /** Releases connections and timers. */
  close?(): Promise<void>;
}
