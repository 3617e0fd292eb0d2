import type { Filter, HttpError, SharedRestriction } from '@core/contracts';
import { forbidden, missingResource, unauthorized } from '../errors/http-errors.ts';
import type { AuthorizationDecision, AuthorizationKind } from './authorization.ts';
import type { ResourceRequest } from './request.ts';

/** The refusal of the protocol: 401 with the policies' challenge when anonymous, else 403. */
export function denied(request: ResourceRequest): HttpError {
  if (request.caller.userId !== null) return forbidden();
  const challenge = request.c
    .get('policies')
    .map((policy) => policy.challenge?.())
    .find((value) => value);
  return unauthorized(challenge);
}

/** Asks the app's authorizer about `kind` on `objectUri` (or the list); throws the refusal when denied. */
export async function authorize(
  request: ResourceRequest,
  kind: AuthorizationKind,
  objectUri: string | null = null,
): Promise<AuthorizationDecision> {
  const decision = await request.c.get('authorizer').authorize({
    kind,
    caller: request.caller,
    resource: request.resource.definition,
    parentUri: request.parentUri,
    objectUri,
    settings: request.settings,
    permission: request.tx.permission,
    sharedListing:
      typeof request.tx.storage.listShared === 'function' &&
      typeof request.tx.storage.countShared === 'function',
  });
  if (!decision.allowed) throw denied(request);
  return decision;
}

/** A listing's filters, and the shared restriction the storage joins with its ACEs, if any. */
export interface Restriction {
  readonly filters: Filter[];
  readonly shared?: SharedRestriction;
}

/** The filters of a listing restricted to the objects a partial decision allows (shared listing). */
export function restrictTo(decision: AuthorizationDecision, filters: readonly Filter[]): Restriction {
  if (decision.shared !== undefined) return { filters: [...filters], shared: decision.shared };
  if (decision.onlyIds === undefined) return { filters: [...filters] };
  return { filters: [...filters, { field: 'id', operator: 'in', value: [...decision.onlyIds] }] };
}

/** Throws the 404 errno 111 of the protocol when the resource's required parent is missing. */
export async function checkParent(request: ResourceRequest): Promise<void> {
  const parent = request.resource.definition.requiredParent;
  if (!parent) return;
  if (await parent.exists({ params: request.params, storage: request.tx.storage })) return;
  throw missingResource({ ...parent.details(request.params) });
}

/**
 * Authorizes `kind` with the required-parent check in Kinto's order: writes on an object and creates
 * check the parent first (Kinto builds the resource, which looks its parent up, before authorizing
 * them); reads and plural deletes after authorization, so the parent's existence is revealed only to
 * callers allowed on the list.
 */
export async function authorizeWithParent(
  request: ResourceRequest,
  kind: AuthorizationKind,
  objectUri: string | null = null,
): Promise<AuthorizationDecision> {
  const parentFirst = kind === 'create' || kind === 'write' || kind === 'read-parent';
  if (parentFirst) await checkParent(request);
  const decision = await authorize(request, kind, objectUri);
  if (!parentFirst) await checkParent(request);
  return decision;
}
