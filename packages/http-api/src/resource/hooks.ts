import type { JsonObject, StoredObject, Tombstone } from '@core/contracts';
import type { HookContext } from './definition.ts';
import type { ResourceRequest } from './request.ts';

function hookContext(
  request: ResourceRequest,
  objectId: string | undefined = request.params.id,
): HookContext {
  return {
    objectId,
    resource: request.resource.name,
    params: request.params,
    parentId: request.scope.parent,
    settings: request.settings,
    caller: request.caller,
    transaction: request.tx,
  };
}

/** Runs `beforeCreate`/`beforeUpdate`; returns the data to store (replaced by the hook or not). */
export async function beforeWrite(
  request: ResourceRequest,
  data: JsonObject,
  existing: StoredObject | undefined,
  objectId: string | undefined,
): Promise<JsonObject> {
  const hooks = request.resource.definition.hooks;
  const context = hookContext(request, objectId);
  const replaced = existing
    ? await hooks?.beforeUpdate?.(context, data, existing)
    : await hooks?.beforeCreate?.(context, data);
  return replaced ?? data;
}

/** Runs `afterCreate`/`afterUpdate`. */
export async function afterWrite(
  request: ResourceRequest,
  stored: StoredObject,
  existing: StoredObject | undefined,
): Promise<void> {
  const hooks = request.resource.definition.hooks;
  const context = hookContext(request, stored.id);
  if (existing) await hooks?.afterUpdate?.(context, stored, existing);
  else await hooks?.afterCreate?.(context, stored);
}

/** Runs `beforeDelete` for each object about to be deleted. */
export async function beforeDelete(
  request: ResourceRequest,
  objects: readonly StoredObject[],
): Promise<void> {
  const hook = request.resource.definition.hooks?.beforeDelete;
  if (hook) for (const object of objects) await hook(hookContext(request, object.id), object);
}

/** Runs `afterDelete` for each deleted object. */
export async function afterDelete(
  request: ResourceRequest,
  deleted: readonly { readonly tombstone: Tombstone; readonly previous: StoredObject }[],
): Promise<void> {
  const hook = request.resource.definition.hooks?.afterDelete;
  if (hook)
    for (const { tombstone, previous } of deleted) await hook(hookContext(request), tombstone, previous);
}
