export { type AttachmentStorage, isAttachmentKey } from './attachments.ts';
export type { AuthenticationContext, AuthenticationPolicy, Identity } from './auth.ts';
export type { Backends, TransactionScope, Transactor } from './backends.ts';
export type { CacheBackend } from './cache.ts';
export { ERRNO, type Errno } from './errno.ts';
export {
  BackendError,
  CoreError,
  type CoreErrorCode,
  type ErrorBody,
  HttpError,
  IntegrityError,
  isCoreError,
  ObjectNotFoundError,
  ReadonlyError,
  UnicityError,
} from './errors.ts';
export type {
  AfterResourceChangedEvent,
  AfterResourceReadEvent,
  CoreEvent,
  EventContext,
  EventListener,
  ImpactedObject,
  ResourceAction,
  ResourceChangedEvent,
  ResourceEventPayload,
  ResourceReadEvent,
  ServerFlushedEvent,
} from './events.ts';
export { resolveField } from './field-path.ts';
export {
  type ArrayFilter,
  type ComparisonFilter,
  type FieldPath,
  type Filter,
  type FilterOperator,
  type HasFilter,
  type LikeFilter,
  type ListFilter,
  MAX_FIELD_PATH_DOTS,
  TYPE_ORDER,
  type TypeRank,
} from './filters.ts';
export type { JsonObject, JsonValue } from './json.ts';
export type { LogFn, Logger, LogLevel } from './logger.ts';
export {
  DELETED_FIELD,
  ID_FIELD,
  isTombstone,
  MODIFIED_FIELD,
  type ObjectData,
  type StoredObject,
  type StoredOrDeleted,
  type Tombstone,
} from './objects.ts';
export { checkCount, checkObjectId, guardHandle, isStorableText, wrapMethods } from './operations.ts';
export {
  AUTHENTICATED,
  type BoundPermission,
  EVERYONE,
  type ObjectPermissions,
  type Permission,
  type PermissionBackend,
  type PermissionOperations,
  type Principal,
} from './permission.ts';
export type { Scope, ScopePattern } from './scope.ts';
export {
  effectiveSort,
  type KeysetCursor,
  MAX_SORT_CRITERIA,
  type Sort,
  type SortDirection,
} from './sorting.ts';
export type {
  CreateOptions,
  DeleteAllOptions,
  DeleteOptions,
  ListOptions,
  PurgeOptions,
  ReadOptions,
  ResourceCounts,
  SharedRestriction,
  StorageBackend,
  StorageOperations,
} from './storage.ts';
export { bumpTimestamp, requestedFromData, requestedFromOption, type TimestampBump } from './timestamps.ts';
