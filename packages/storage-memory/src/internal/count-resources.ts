import type { ResourceCounts } from '@core/contracts';
import type { MemoryStorageState } from './store.ts';

/** Live objects and tombstones of each of `resources`, every parent together (zero counts left out). */
export function countResources(state: MemoryStorageState, resources: readonly string[]): ResourceCounts {
  const objects: Record<string, number> = {};
  const tombstones: Record<string, number> = {};
  for (const resource of new Set(resources)) {
    let live = 0;
    let deleted = 0;
    for (const list of state.resources.get(resource)?.values() ?? []) {
      live += list.objects.size;
      deleted += list.tombstones.size;
    }
    if (live > 0) objects[resource] = live;
    if (deleted > 0) tombstones[resource] = deleted;
  }
  return { objects, tombstones };
}
