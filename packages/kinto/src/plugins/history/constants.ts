/** The history resource's name: its storage lists are `{resource: 'history', parent: '/buckets/<id>'}`. */
export const HISTORY = 'history';

/** The resources whose changes are recorded. */
export const TRACKED_RESOURCES: readonly string[] = ['bucket', 'collection', 'group', 'record'];
