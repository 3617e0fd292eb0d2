import postgres from 'postgres';
import { PRINCIPAL, RECORDS_PARENT } from '../collection.ts';

/** Rows per `INSERT … SELECT … generate_series` statement (one progress step each). */
const CHUNK = 50_000;

export interface ScaleSeed {
  /** Timestamp of record 0; record `n` has `first + n`. */
  readonly first: number;
  /** The list timestamp (the newest record's). */
  readonly last: number;
}

export interface SeedOptions {
  readonly url: string;
  readonly records: number;
  /** The reader's principal (`account:reader`) and every how many records it may read. */
  readonly reader: { readonly principal: string; readonly stride: number };
  readonly onProgress: (done: number, total: number, phase: string) => void;
}

/**
 * Record `n` of `taskRecord(n)` (../records.ts) built in SQL: `{title, status, n, tags}` with the
 * same statuses and tags, stored as the backend stores a created record (`data` without `id` and
 * `last_modified`, a fresh UUID as `id`).
 */
const RECORD_DATA = `jsonb_build_object(
  'title', 'Task number ' || i,
  'status', (ARRAY['todo', 'doing', 'done'])[i % 3 + 1],
  'n', i,
  'tags', CASE WHEN i % 2 = 0 THEN jsonb_build_array(t[i % 5 + 1])
               ELSE jsonb_build_array(t[i % 5 + 1], t[(i + 2) % 5 + 1]) END)`;

/** The indexes of the seeded tables that back no constraint (built again after the rows are in). */
async function secondaryIndexes(sql: postgres.Sql): Promise<{ name: string; definition: string }[]> {
  const rows = await sql.unsafe(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename IN ('objects', 'access_control_entries')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
     ORDER BY i.indexname`,
  );
  return rows.map((row) => ({ name: row.name as string, definition: row.definition as string }));
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Seeds `records` records in one collection as `POST …/records` by the owner would have stored them
 * — one `objects` row each with increasing timestamps, the owner's `write` ACE on each, the list
 * timestamp — plus a `read` ACE for the reader on every `stride`-th record (`n % stride = 0`), as
 * `PATCH …/records/<id>` with `{"permissions": {"read": [reader]}}` stores it. Server-side
 * `generate_series` in chunks with the secondary indexes dropped, then each index built again from
 * its own definition as the migrations left it (several times faster than maintaining a GIN index
 * row by row), then `VACUUM ANALYZE` (what autovacuum does to a table after that many
 * inserts; without it counts read the heap for visibility).
 */
export async function seedScale(options: SeedOptions): Promise<ScaleSeed> {
  const sql = postgres(options.url, { max: 1, onnotice: () => {} });
  const { records, reader } = options;
  const first = Date.now() - records - 1_000;
  try {
    await sql.unsafe('SET synchronous_commit = off');
    await sql.unsafe("SET maintenance_work_mem = '256MB'");
    const indexes = await secondaryIndexes(sql);
    for (const index of indexes) await sql.unsafe(`DROP INDEX ${quoted(index.name)}`);
    options.onProgress(0, records, 'records');
    for (let start = 0; start < records; start += CHUNK) {
      const end = Math.min(records, start + CHUNK) - 1;
      await sql.unsafe(
        `WITH inserted AS (
           INSERT INTO objects (resource_name, parent_id, id, last_modified, data)
           SELECT 'record', $1, gen_random_uuid()::text, $2::bigint + i, ${RECORD_DATA}
           FROM generate_series($3::integer, $4::integer) AS i,
                (SELECT ARRAY['home', 'work', 'urgent', 'later', 'errand'] AS t) AS tags
           RETURNING id, (data ->> 'n')::integer AS n
         )
         INSERT INTO access_control_entries (object_id, permission, principal)
         SELECT $1 || '/records/' || id, 'write', $5 FROM inserted
         UNION ALL
         SELECT $1 || '/records/' || id, 'read', $6 FROM inserted WHERE n % $7::integer = 0`,
        [
          RECORDS_PARENT,
          String(first),
          String(start),
          String(end),
          PRINCIPAL,
          reader.principal,
          String(reader.stride),
        ],
      );
      options.onProgress(end + 1, records, 'records');
    }
    const last = first + records - 1;
    await sql.unsafe(
      `INSERT INTO timestamps (resource_name, parent_id, last_modified) VALUES ('record', $1, $2::bigint)
       ON CONFLICT (resource_name, parent_id) DO UPDATE SET last_modified = EXCLUDED.last_modified`,
      [RECORDS_PARENT, String(last)],
    );
    for (const index of indexes) {
      options.onProgress(records, records, `index ${index.name}`);
      await sql.unsafe(index.definition);
    }
    options.onProgress(records, records, 'vacuum analyze');
    await sql.unsafe('VACUUM (ANALYZE) objects, access_control_entries, timestamps');
    return { first, last };
  } finally {
    await sql.end();
  }
}
