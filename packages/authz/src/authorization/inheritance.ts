/**
 * An inheritance tree (the `inherits` member of a resource definition): for each permission of the
 * resource, the permissions of this object (keyed by its own resource name) or of its ancestors that
 * grant it. The key `read:attributes` is the object-GET meaning of `read` when it differs from the
 * listing meaning (permissions.md §3.3).
 */
export type InheritanceTree = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** Kinto's inheritance tree (permissions.md §3.3), per resource name. */
export const KINTO_INHERITANCE = {
  bucket: {
    write: { bucket: ['write'] },
    read: { bucket: ['write', 'read'] },
    'read:attributes': { bucket: ['write', 'read', 'collection:create', 'group:create'] },
    'collection:create': { bucket: ['write', 'collection:create'] },
    'group:create': { bucket: ['write', 'group:create'] },
  },
  group: {
    write: { bucket: ['write'], group: ['write'] },
    read: { bucket: ['write', 'read'], group: ['write', 'read'] },
  },
  collection: {
    write: { bucket: ['write'], collection: ['write'] },
    read: { bucket: ['write', 'read'], collection: ['write', 'read'] },
    'read:attributes': { bucket: ['write', 'read'], collection: ['write', 'read', 'record:create'] },
    'record:create': { bucket: ['write'], collection: ['write', 'record:create'] },
  },
  record: {
    write: { bucket: ['write'], collection: ['write'], record: ['write'] },
    read: { bucket: ['write', 'read'], collection: ['write', 'read'], record: ['write', 'read'] },
  },
  account: {
    write: { account: ['write'] },
    read: { account: ['write', 'read'] },
  },
} as const satisfies Readonly<Record<string, InheritanceTree>>;

/** The permission names Kinto accepts in bodies, per resource (permissions.md §3.1). */
export const KINTO_PERMISSIONS = {
  bucket: ['read', 'write', 'collection:create', 'group:create'],
  collection: ['read', 'write', 'record:create'],
  group: ['read', 'write'],
  record: ['read', 'write'],
  account: ['read', 'write'],
} as const;

/** Settings-granted principals Kinto applies when the setting is absent (permissions.md §3.4). */
export const KINTO_DEFAULT_PRINCIPALS: Readonly<Record<string, readonly string[]>> = {
  bucket_create_principals: ['system.Authenticated'],
  permissions_read_principals: ['system.Everyone'],
};
