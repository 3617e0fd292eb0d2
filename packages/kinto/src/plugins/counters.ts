import type { ResourceCounts, StorageBackend } from '@core/contracts';
import { type ApiPlugin, methodNotAllowed } from '@core/http-api';

/** The resource names Kinto 26.3's counters plugin reports. */
const COUNTED = ['account', 'bucket', 'group', 'collection', 'record', 'history', 'attachments'];

async function countsOf(storage: StorageBackend): Promise<ResourceCounts> {
  if (storage.countByResource) return storage.countByResource(COUNTED);
  // A backend without the one-pass count: live objects only, one count per resource.
  const objects: Record<string, number> = {};
  for (const resource of COUNTED) {
    const count = await storage.countAll({ resource, parent: '*' });
    if (count > 0) objects[resource] = count;
  }
  return { objects, tombstones: {} };
}

/**
 * `GET /__counters__` (Kinto's `kinto.plugins.counters`): public, how many objects and tombstones
 * each resource holds, zero counts left out; capability `counters_endpoint`. One statement on
 * PostgreSQL (a scan of the counted rows: about 150 ms for a million records).
 */
export function countersPlugin(): ApiPlugin {
  return {
    name: 'counters',
    capabilities: {
      counters_endpoint: {
        description: 'The __counters__ endpoint exposes how many objects are stored.',
        url: 'https://kinto.readthedocs.io/en/latest/api/1.x/counters.html',
      },
    },
    routes(v1) {
      v1.get('/__counters__', async (c) => c.json(await countsOf(c.get('backends').storage)));
      v1.all('/__counters__', () => Promise.reject(methodNotAllowed()));
    },
  };
}
