import type { Filter, TransactionScope } from '@core/contracts';

/**
 * Which stored file belongs to which record, kept where kinto-attachment keeps it: objects of the
 * `attachments` resource under the parent `__attachments__`, each with the file's relative
 * `location` and the URIs of its bucket, collection and record (to find them when one is deleted).
 */
const LINKS = { resource: 'attachments', parent: '__attachments__' } as const;

export type LinkField = 'record_uri' | 'collection_uri' | 'bucket_uri';

/** A file to remove once the change that orphaned it is committed, and the collection it was in. */
export interface OrphanFile {
  readonly location: string;
  readonly bucketId: string;
  readonly collectionId: string;
}

const COLLECTION_URI = /^\/buckets\/([^/]+)\/collections\/([^/]+)$/;

export async function addLink(
  tx: TransactionScope,
  location: string,
  ids: { bucket_id: string; collection_id: string; id: string },
): Promise<void> {
  const bucketUri = `/buckets/${ids.bucket_id}`;
  const collectionUri = `${bucketUri}/collections/${ids.collection_id}`;
  await tx.storage.create(LINKS, {
    location,
    bucket_uri: bucketUri,
    collection_uri: collectionUri,
    record_uri: `${collectionUri}/records/${ids.id}`,
  });
}

/** Removes the links of the objects at `uris` (of the kind `field` names); returns their files. */
export async function takeLinks(
  tx: TransactionScope,
  field: LinkField,
  uris: readonly string[],
): Promise<OrphanFile[]> {
  if (uris.length === 0) return [];
  const filters: Filter[] =
    uris.length === 1
      ? [{ field, operator: 'eq', value: uris[0] as string }]
      : [{ field, operator: 'in', value: [...uris] }];
  const links = await tx.storage.listAll(LINKS, { filters });
  if (links.length === 0) return [];
  await tx.storage.deleteAll(LINKS, { filters, withDeleted: false });
  return links.map((link) => {
    const [, bucketId = '', collectionId = ''] = COLLECTION_URI.exec(String(link.collection_uri)) ?? [];
    return { location: String(link.location), bucketId, collectionId };
  });
}
