import type { ResourceDefinition } from '@core/http-api';
import { bucketResource } from './bucket.ts';
import { collectionResource } from './collection.ts';
import { groupResource } from './group.ts';
import { recordResource } from './record.ts';

export { bucketResource, collectionResource, groupResource, recordResource };

/** Kinto's core resources, in mounting order. */
export const KINTO_RESOURCES: readonly ResourceDefinition[] = [
  bucketResource,
  collectionResource,
  groupResource,
  recordResource,
];
