import type { Sql } from 'postgres';
import { PRINCIPAL, RECORDS_PARENT } from '../collection.ts';
import { CREATE_RECORD, GET_RECORD, LOCK_LIST, listSql } from './postgres-sql.ts';
import type { FloorStore, StoredRecord } from './store.ts';

const LOCK_KEY = `${'record'.length}:record${RECORDS_PARENT}`;
// Prepared statements, as postgres.js' tagged templates have by default.
const PREPARED = { prepare: true } as const;

/** The PostgreSQL floor: one round trip per read, one transaction per create or batch. */
export function createPostgresStore(sql: Sql, options: { prefilter?: boolean } = {}): FloorStore {
  const prefilter = options.prefilter ?? true;
  return {
    async get(id) {
      const rows = await sql.unsafe(GET_RECORD, [RECORDS_PARENT, id], PREPARED);
      return rows[0]?.obj as StoredRecord | undefined;
    },
    async list(query) {
      const params: unknown[] = [RECORDS_PARENT, query.limit + 1];
      if (query.since !== undefined) params.push(query.since);
      for (const [field, value] of query.filters) {
        params.push(JSON.stringify({ [field]: value }), field, JSON.stringify(value));
      }
      const text = listSql(query.since !== undefined, query.filters.length, prefilter);
      const [row] = await sql.unsafe(text, params as string[], PREPARED);
      const page = (row!.page ?? []) as StoredRecord[];
      const more = page.length > query.limit;
      return { timestamp: Number(row!.ts ?? 0), records: more ? page.slice(0, query.limit) : page, more };
    },
    async create(bodies) {
      return (await sql.begin(async (tx) => {
        await tx.unsafe(LOCK_LIST, [LOCK_KEY], PREPARED);
        const records: StoredRecord[] = [];
        for (const body of bodies) {
          const { id: _id, last_modified: _lm, ...data } = body;
          const params = [RECORDS_PARENT, Date.now(), crypto.randomUUID(), JSON.stringify(data), PRINCIPAL];
          const [row] = await tx.unsafe(CREATE_RECORD, params as string[], PREPARED);
          records.push(row!.obj as StoredRecord);
        }
        return records;
      })) as StoredRecord[];
    },
  };
}
