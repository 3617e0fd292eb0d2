import type { StoredOrDeleted } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createPostgresBackends } from '../src/backends.ts';
import { clientFor, freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('since') : '';
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c' };
const WRITERS = 4;
const WRITES_EACH = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)('F-TK-TS `_since` pollers under concurrent slow writers', () => {
  it('every committed write is seen exactly once, no writer gets a conflict', async () => {
    // Each writer and the poller has its own client: separate connections, as separate processes would.
    const writers = Array.from({ length: WRITERS }, () =>
      createPostgresBackends({ sql: clientFor(schema, { max: 2 }) }),
    );
    const poller = createPostgresBackends({ sql: clientFor(schema, { max: 1 }) });
    const committed: string[] = [];
    const seen = new Map<string, number>();
    let done = false;
    try {
      const write = async (writer: number) => {
        const backends = writers[writer]!;
        for (let index = 0; index < WRITES_EACH; index++) {
          const id = `w${writer}-${index}`;
          await backends.transaction(async ({ storage }) => {
            await storage.create(RECORDS, { id });
            // A slow transaction: a poller runs while this write is assigned but not committed.
            await sleep(Math.random() * 8);
          });
          committed.push(id);
        }
      };
      const poll = async () => {
        let since: number | undefined;
        const once = async () => {
          const filters =
            since === undefined ? [] : [{ field: 'last_modified', operator: 'gt', value: since } as const];
          const page: StoredOrDeleted[] = await poller.storage.listAll(RECORDS, {
            filters,
            sort: [{ field: 'last_modified', direction: 'asc' }],
          });
          for (const object of page) {
            seen.set(object.id, (seen.get(object.id) ?? 0) + 1);
            since = object.last_modified;
          }
        };
        while (!done) {
          await once();
          await sleep(1);
        }
        await once();
      };
      const polling = poll();
      await Promise.all(writers.map((_, writer) => write(writer)));
      done = true;
      await polling;
      expect(committed).toHaveLength(WRITERS * WRITES_EACH);
      expect([...seen.keys()].sort()).toEqual([...committed].sort());
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await Promise.all([...writers, poller].map((backends) => backends.sql.end()));
    }
  }, 60_000);
});
