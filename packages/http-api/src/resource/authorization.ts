import type { PermissionOperations, SharedRestriction } from '@core/contracts';
import type { Caller } from '../context.ts';
import type { Settings } from '../settings/settings.ts';
import type { ResourceDefinition } from './definition.ts';

/**
 * What a request asks of the authorization layer (permissions.md §3.5–§3.7):
 * - `list-read` / `list-write`: GET/HEAD or DELETE on a plural endpoint — read or write on the list
 *   (its parent object, `parentUri`); may be granted partially (shared listing: `onlyIds`).
 * - `create`: create an object in the list — `<resource>:create` on the parent.
 * - `read` / `write`: on the object `objectUri` (it may not exist: inherited permissions still apply).
 * - `read-parent`: PATCH/DELETE on a missing object — may the caller know it is missing (404) rather
 *   than be refused (403/401)?
 */
export type AuthorizationKind = 'list-read' | 'list-write' | 'create' | 'read' | 'write' | 'read-parent';

/** One authorization question. */
export interface AuthorizationRequest {
  readonly kind: AuthorizationKind;
  readonly caller: Caller;
  readonly resource: ResourceDefinition;
  /** URI of the list's parent object (`/buckets/b/collections/c` for records; `''` at the root). */
  readonly parentUri: string;
  /** URI of the object concerned (`read`, `write`), else `null`. */
  readonly objectUri: string | null;
  readonly settings: Settings;
  /** The request's permission operations (inside its transaction). */
  readonly permission: PermissionOperations;
  /**
   * The request's storage offers `listShared`/`countShared`: a partial decision on a list kind may
   * then be `shared` (the storage joins the ACEs) rather than `onlyIds`.
   */
  readonly sharedListing?: boolean;
}

/**
 * The answer: allowed, refused, or (list kinds only) allowed on part of the list — these object ids
 * alone (pushed down to the storage as an `id in` filter), or, when the request said `sharedListing`,
 * the objects a `SharedRestriction` allows (the storage's `listShared`/`countShared`).
 */
export interface AuthorizationDecision {
  readonly allowed: boolean;
  /** When allowed on a list kind: only these object ids of the list (absent = the whole list). */
  readonly onlyIds?: readonly string[];
  /** When allowed on a list kind and asked with `sharedListing`: only the objects this allows. */
  readonly shared?: SharedRestriction;
}

/** Decides requests; `@core/authz` provides Kinto's, the default allows everything. */
export interface Authorizer {
  authorize(request: AuthorizationRequest): Promise<AuthorizationDecision>;
}

/** The authorizer of apps without authorization: every request is allowed. */
export const ALLOW_ALL: Authorizer = {
  async authorize() {
    return { allowed: true };
  },
};
