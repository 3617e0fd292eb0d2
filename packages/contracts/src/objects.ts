import type { JsonObject, JsonValue } from './json.ts';

/** Name of the field holding an object's identifier. */
export const ID_FIELD = 'id';
/** Name of the field holding an object's timestamp (integer milliseconds since the Unix epoch). */
export const MODIFIED_FIELD = 'last_modified';
/** Name of the field marking a tombstone. */
export const DELETED_FIELD = 'deleted';

/**
 * An object as a storage backend keeps it: any JSON object with a string `id`, unique within its
 * (resource name, parent id) list, and an integer `last_modified` in milliseconds.
 */
export interface StoredObject extends JsonObject {
  /** Identifier, unique within the object's (resource name, parent id) list. Any non-empty string. */
  id: string;
  /** Milliseconds since the Unix epoch, assigned by the backend on every write (see {@link StorageOperations}). */
  last_modified: number;
}

/** What remains of a deleted object: `{id, last_modified, deleted: true}` and nothing else. */
export interface Tombstone extends JsonObject {
  id: string;
  last_modified: number;
  deleted: true;
}

/** A live object or a tombstone, as returned by listings that include deleted objects. */
export type StoredOrDeleted = StoredObject | Tombstone;

/**
 * The data handed to `create`/`update`: any JSON object. `id` and `last_modified` are optional;
 * a non-integer `last_modified` is ignored (the backend assigns one).
 */
export interface ObjectData extends JsonObject {
  [key: string]: JsonValue;
}

/** True when the object is a tombstone. */
export function isTombstone(object: StoredOrDeleted): object is Tombstone {
  return object.deleted === true;
}
