import type { TransactionScope } from './backends.ts';
import type { StoredObject, StoredOrDeleted } from './objects.ts';

/** What happened to objects. A POST of an existing id and a plural DELETE that deletes nothing are `read`. */
export type ResourceAction = 'create' | 'update' | 'delete' | 'read';

/**
 * Common part of every resource event. Besides the listed members it carries the URL parameters of
 * the route (`bucket_id`, `collection_id`, ...) and, on object endpoints, `<resource_name>_id`.
 */
export interface ResourceEventPayload {
  /** Milliseconds: the list timestamp after the change. */
  readonly timestamp: number;
  readonly action: ResourceAction;
  /** Request path without version prefix, e.g. `/buckets/b/collections/c/records/r`. */
  readonly uri: string;
  /** Prefixed user id (`account:alice`), or `null` when anonymous. */
  readonly user_id: string | null;
  readonly resource_name: string;
  readonly [urlParameter: `${string}_id`]: string | null;
}

/** One object touched by a write: create → `{new}`; update → `{new, old}`; delete → `{new: tombstone, old}`. */
export interface ImpactedObject {
  readonly new: StoredOrDeleted;
  readonly old?: StoredObject;
}

/** Objects were written; delivered inside the request's transaction (listeners may write more or veto). */
export interface ResourceChangedEvent {
  readonly type: 'ResourceChanged';
  readonly payload: ResourceEventPayload;
  readonly impacted_objects: readonly ImpactedObject[];
}

/** Objects were written and committed; delivered after commit (failures are logged, never surfaced). */
export interface AfterResourceChangedEvent {
  readonly type: 'AfterResourceChanged';
  readonly payload: ResourceEventPayload;
  readonly impacted_objects: readonly ImpactedObject[];
}

/** Objects were read; delivered inside the request's transaction. */
export interface ResourceReadEvent {
  readonly type: 'ResourceRead';
  readonly payload: ResourceEventPayload;
  readonly read_objects: readonly StoredObject[];
}

/** Objects were read and the request committed. */
export interface AfterResourceReadEvent {
  readonly type: 'AfterResourceRead';
  readonly payload: ResourceEventPayload;
  readonly read_objects: readonly StoredObject[];
}

/** Every backend was flushed (`POST /__flush__`). */
export interface ServerFlushedEvent {
  readonly type: 'ServerFlushed';
  readonly timestamp: number;
}

/** Any event delivered to listeners. */
export type CoreEvent =
  | ResourceChangedEvent
  | AfterResourceChangedEvent
  | ResourceReadEvent
  | AfterResourceReadEvent
  | ServerFlushedEvent;

/** What a listener receives besides the event. */
export interface EventContext {
  /** For `ResourceChanged`/`ResourceRead`: the request's transaction, to write more in it. */
  readonly transaction?: TransactionScope;
}

/**
 * A subscriber to events, registered by configuration (`event_listeners`). Throwing from a
 * `ResourceChanged`/`ResourceRead` handler fails the request and rolls it back; throwing from an
 * `After*` handler is logged only.
 */
export interface EventListener {
  /** Listener name (metrics `listeners.<name>.seconds`, logs). */
  readonly name: string;
  /** Actions delivered; default `create`, `update`, `delete` (add `read` to receive reads). */
  readonly actions?: readonly ResourceAction[];
  /** Resource names delivered; default all. */
  readonly resources?: readonly string[];
  handle(event: CoreEvent, context: EventContext): void | Promise<void>;
}
