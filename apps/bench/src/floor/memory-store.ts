import type { FloorStore, ListPage, ListQuery, StoredRecord } from './store.ts';

/**
 * The memory floor: a `Map` by id plus the records in timestamp order (appended, since timestamps
 * only grow), so the newest-first listings walk back from the end.
 */
export function createMemoryStore(seed: readonly StoredRecord[]): FloorStore {
  const byId = new Map<string, StoredRecord>();
  const ordered: StoredRecord[] = [];
  let timestamp = 0;
  for (const record of seed) {
    byId.set(record.id, record);
    ordered.push(record);
    timestamp = Math.max(timestamp, record.last_modified);
  }

  function list(query: ListQuery): ListPage {
    const records: StoredRecord[] = [];
    let more = false;
    for (let i = ordered.length - 1; i >= 0; i--) {
      const record = ordered[i]!;
      if (query.since !== undefined && record.last_modified <= query.since) break;
      if (!query.filters.every(([field, value]) => record[field] === value)) continue;
      if (records.length === query.limit) {
        more = true;
        break;
      }
      records.push(record);
    }
    return { timestamp, records, more };
  }

  return {
    get: async (id) => byId.get(id),
    list: async (query) => list(query),
    async create(bodies) {
      return bodies.map((body) => {
        timestamp = Math.max(Date.now(), timestamp + 1);
        const record: StoredRecord = { ...body, id: crypto.randomUUID(), last_modified: timestamp };
        byId.set(record.id, record);
        ordered.push(record);
        return record;
      });
    },
  };
}
