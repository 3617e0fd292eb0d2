import {
  type AttachmentStorage,
  ERRNO,
  type EventListener,
  HttpError,
  type ImpactedObject,
  type JsonValue,
  type Logger,
  type ResourceEventPayload,
} from '@core/contracts';
import { type LinkField, takeLinks } from './links.ts';
import { pluginWrites, removeFiles } from './routes.ts';
import { type AttachmentSettings, optionsFor } from './settings.ts';

/** The URI of each deleted object, by the link field that names it. */
function deletedUris(
  payload: ResourceEventPayload,
  impacted: readonly ImpactedObject[],
): { field: LinkField; uris: string[] } | null {
  const ids = impacted.map((object) => object.new.id);
  const bucket = `/buckets/${payload.bucket_id ?? ''}`;
  switch (payload.resource_name) {
    case 'record':
      return {
        field: 'record_uri',
        uris: ids.map((id) => `${bucket}/collections/${payload.collection_id ?? ''}/records/${id}`),
      };
    case 'collection':
      return { field: 'collection_uri', uris: ids.map((id) => `${bucket}/collections/${id}`) };
    case 'bucket':
      return { field: 'bucket_uri', uris: ids.map((id) => `/buckets/${id}`) };
    default:
      return null;
  }
}

/**
 * Removes the files of deleted records, and of every record of a deleted collection or bucket
 * (kinto-attachment's `on_delete_record`, for each deleted object — plural deletes included): the
 * links go in the request's transaction, the files once it is committed (never for a rolled-back
 * deletion), unless `keep_old_files` holds for their collection.
 */
export function createAttachmentCleanup(
  settings: AttachmentSettings,
  storage: AttachmentStorage,
  logger?: Logger,
): EventListener {
  // From the in-transaction event to its after-commit twin, which shares its `impacted_objects`.
  const pending = new WeakMap<object, string[]>();
  return {
    name: 'attachments',
    actions: ['delete'],
    resources: ['record', 'collection', 'bucket'],
    async handle(event, context) {
      if (event.type === 'AfterResourceChanged') {
        const files = pending.get(event.impacted_objects);
        pending.delete(event.impacted_objects);
        if (files) await removeFiles(storage, files, logger);
        return;
      }
      if (event.type !== 'ResourceChanged' || !context.transaction) return;
      const target = deletedUris(event.payload, event.impacted_objects);
      if (!target) return;
      const orphans = await takeLinks(context.transaction, target.field, target.uris);
      const files = orphans
        .filter((file) => !optionsFor(settings, file.bucketId, file.collectionId).keepOldFiles)
        .map((file) => file.location);
      if (files.length > 0) pending.set(event.impacted_objects, files);
    },
  };
}

/** JSON with object keys sorted, to compare metadata as Python compares dicts. */
function canonical(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const isSet = (value: JsonValue | undefined) =>
  value !== undefined &&
  value !== null &&
  value !== false &&
  value !== '' &&
  value !== 0 &&
  !(typeof value === 'object' && Object.keys(value).length === 0);

/**
 * kinto-attachment's `on_update_record`: outside the plugin's own writes, an update may not change
 * a record's `attachment` (400 "Attachment metadata cannot be modified."); removing it is allowed.
 */
export const attachmentUpdateGuard: EventListener = {
  name: 'attachments-guard',
  actions: ['update'],
  resources: ['record'],
  handle(event, context) {
    if (event.type !== 'ResourceChanged' || !context.transaction) return;
    if (pluginWrites.has(context.transaction)) return;
    for (const { old, new: updated } of event.impacted_objects) {
      const before = old?.attachment;
      const after = (updated as { attachment?: JsonValue }).attachment;
      if (isSet(before) && isSet(after) && canonical(before) !== canonical(after)) {
        throw new HttpError({
          status: 400,
          errno: ERRNO.UNDEFINED,
          error: 'Bad Request',
          message: 'Attachment metadata cannot be modified.',
        });
      }
    }
  },
};
