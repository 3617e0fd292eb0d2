import type {
  ImpactedObject,
  ResourceAction,
  ResourceEventPayload,
  Scope,
  StoredObject,
  TransactionScope,
} from '@core/contracts';
import type { Context } from 'hono';
import type { ApiEnv, Caller } from '../context.ts';
import type { Settings } from '../settings/settings.ts';
import type { NormalizedResource, RouteParams } from './definition.ts';
import { anyListenerWants, anyReadListener } from './events.ts';
import { defaultParentId, objectUri } from './paths.ts';
import { writerPrincipal } from './permissions.ts';
import { type IdGenerator, idGeneratorByName } from './protocol.ts';
import { transactionOf } from './transaction.ts';

/** Everything a resource handler needs about the request, computed once. */
export interface ResourceRequest {
  readonly c: Context<ApiEnv>;
  readonly resource: NormalizedResource;
  readonly params: RouteParams;
  /** Where the objects are stored: `{resource, parent}` (see `ResourceDefinition.parentId`). */
  readonly scope: Scope;
  /** URI of the list's parent object, from the URL (`''` at the root): what permissions are about. */
  readonly parentUri: string;
  readonly tx: TransactionScope;
  readonly settings: Settings;
  readonly caller: Caller;
  /** The principal credited with this request's writes (see `ResourceDefinition.writerPrincipal`). */
  readonly writer: string;
  /** The caller's principals plus {@link writer}: who may see an object's permissions. */
  readonly principals: readonly string[];
  readonly idGenerator: IdGenerator;
  /** The ACE key of object `id` of this list. */
  uriOf(id: string): string;
  /** Records a change for the listeners (merged per resource, parent and action). */
  emit(
    action: ResourceAction,
    timestamp: number,
    impacted: readonly ImpactedObject[],
    objectId?: string,
  ): void;
  /** Records a read for the listeners subscribed to `read` (a no-op when none is). */
  emitRead(timestamp: number, objects: readonly StoredObject[], objectId?: string): void;
}

const generators = new Map<string, IdGenerator>();

function idGeneratorOf(resource: NormalizedResource, settings: Settings): IdGenerator {
  const declared = resource.definition.idGenerator;
  if (typeof declared === 'object') return declared;
  const name =
    declared ?? (settings[`${resource.name}_id_generator`] as string | undefined) ?? settings.id_generator;
  const known = generators.get(name);
  if (known) return known;
  const generator = idGeneratorByName(name);
  generators.set(name, generator);
  return generator;
}

/**
 * Builds the {@link ResourceRequest} of the current route; `postedId` is the `data.id` of a plural
 * `POST`, for resources whose storage parent depends on it.
 */
export function resourceRequest(
  c: Context<ApiEnv>,
  resource: NormalizedResource,
  postedId?: string,
): ResourceRequest {
  const params = c.req.param() as RouteParams;
  const { id: _objectId, ...parentParams } = params;
  const settings = c.get('settings');
  const caller = c.get('caller');
  const parentUri = defaultParentId(resource.pluralPath, params);
  const parentId =
    resource.definition.parentId?.(params, {
      caller,
      settings,
      method: c.req.method,
      plural: params.id === undefined,
      ...(postedId !== undefined ? { postedId } : {}),
    }) ?? parentUri;
  const payload = (action: ResourceAction, timestamp: number, objectId?: string): ResourceEventPayload => ({
    ...parentParams,
    timestamp,
    action,
    uri: new URL(c.req.url).pathname.replace(/^\/v\d+/, ''),
    user_id: caller.userId,
    resource_name: resource.name,
    ...(objectId !== undefined ? { [`${resource.name}_id`]: objectId } : {}),
  });
  const writer =
    resource.definition.writerPrincipal?.({ caller, settings, parentId }) ?? writerPrincipal(caller);
  return {
    c,
    resource,
    params,
    writer,
    principals: caller.principals.includes(writer) ? caller.principals : [...caller.principals, writer],
    scope: { resource: resource.name, parent: parentId },
    parentUri,
    tx: transactionOf(c),
    settings,
    caller,
    idGenerator: idGeneratorOf(resource, settings),
    uriOf: (id) => objectUri(resource.pluralPath, params, id),
    emit(action, timestamp, impacted, objectId) {
      if (!anyListenerWants(c.get('listeners'), action, resource.name)) return;
      c.get('events')?.add(parentId, payload(action, timestamp, objectId), impacted);
    },
    emitRead(timestamp, objects, objectId) {
      if (!anyReadListener(c.get('listeners'))) return;
      c.get('events')?.addRead(parentId, payload('read', timestamp, objectId), objects);
    },
  };
}
