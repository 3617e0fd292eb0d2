import type {
  EventListener,
  JsonObject,
  ObjectPermissions,
  ResourceChangedEvent,
  TransactionScope,
} from '@core/contracts';
import { HISTORY, TRACKED_RESOURCES } from './constants.ts';
import type { HistorySettings } from './settings.ts';
import { entryDate, type HistoryTarget, historyTarget, isExcluded } from './targets.ts';
import { autoTrim } from './trim.ts';

/** Removes a deleted bucket's whole history: entries, their tombstones and their ACEs. */
async function forgetBucket(tx: TransactionScope, bucketUri: string): Promise<void> {
  const scope = { resource: HISTORY, parent: bucketUri };
  await tx.storage.deleteAll(scope, { withDeleted: false });
  await tx.storage.purgeDeleted(scope);
  await tx.permission.deleteObjectPermissions([`${bucketUri}/history/*`]);
}

function readers(permissions: ObjectPermissions | undefined): string[] {
  return [...(permissions?.read ?? []), ...(permissions?.write ?? [])];
}

/** One query for the ACEs of every object, bucket and collection involved. */
async function permissionsOf(
  tx: TransactionScope,
  targets: readonly HistoryTarget[],
): Promise<Map<string, ObjectPermissions>> {
  const uris = new Set<string>();
  for (const target of targets) {
    uris.add(target.uri).add(target.bucketUri);
    if (target.collectionUri) uris.add(target.collectionUri);
  }
  const list = [...uris];
  const permissions = await tx.permission.getObjectsPermissions(list);
  return new Map(list.map((uri, index) => [uri, permissions[index] ?? {}]));
}

async function record(
  event: ResourceChangedEvent,
  tx: TransactionScope,
  settings: HistorySettings,
): Promise<void> {
  const { payload } = event;
  if (payload.user_id !== null && settings.excludeUserIds.has(payload.user_id)) return;
  if (payload.resource_name === 'bucket' && payload.action === 'delete') {
    for (const impacted of event.impacted_objects) await forgetBucket(tx, `/buckets/${impacted.new.id}`);
    return;
  }
  const targets = event.impacted_objects
    .map((impacted) => historyTarget(payload, impacted.new))
    .filter((target): target is HistoryTarget => target !== null)
    .filter((target) => !isExcluded(target, settings.excludeResources));
  if (targets.length === 0) return;
  const permissions = await permissionsOf(tx, targets);
  const date = entryDate(Date.now());
  const buckets = new Set<string>();
  for (const target of targets) {
    const own = permissions.get(target.uri) ?? {};
    const entry: JsonObject = {
      action: payload.action,
      uri: target.uri,
      resource_name: payload.resource_name,
      user_id: payload.user_id,
      date,
      ...target.ids,
      target: { data: { ...target.data }, permissions: { ...own } },
    };
    const created = await tx.storage.create({ resource: HISTORY, parent: target.bucketUri }, entry);
    buckets.add(target.bucketUri);
    if (!settings.explicitPermissions) continue;
    const principals = new Set([
      ...readers(permissions.get(target.bucketUri)),
      ...(target.collectionUri ? readers(permissions.get(target.collectionUri)) : []),
      ...readers(own),
    ]);
    if (principals.size === 0) continue;
    await tx.permission.replaceObjectPermissions(`${target.bucketUri}/history/${created.id}`, {
      read: [...principals],
    });
  }
  for (const bucketUri of buckets) {
    await autoTrim(tx, bucketUri, payload.resource_name, payload.user_id, settings);
  }
}

/**
 * The listener recording history (kinto-resources.md §9.1): inside the request's transaction, one
 * entry per changed bucket, collection, group or record, in its bucket's history, readable through a
 * per-entry ACE; deleting a bucket removes its history. Cascaded deletions (the records of a deleted
 * collection) emit no events, so only the parent's entry is written.
 */
export function createHistoryListener(settings: HistorySettings): EventListener {
  return {
    name: 'history',
    resources: TRACKED_RESOURCES,
    async handle(event, context) {
      if (event.type !== 'ResourceChanged' || !context.transaction) return;
      await record(event, context.transaction, settings);
    },
  };
}
