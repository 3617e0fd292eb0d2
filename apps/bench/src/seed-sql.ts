import postgres from 'postgres';
import { PRINCIPAL, RECORDS_PARENT } from './collection.ts';
import type { TaskRecord } from './records.ts';

const CHUNK = 1000;

/**
 * Writes `records` into a migrated database as `POST .../records` would have: one `objects` row each
 * (the fields other than `id` and `last_modified` in `data`), increasing timestamps, the list
 * timestamp, and the creator's `write` permission on each record. Returns the last timestamp.
 */
export async function seedRecordsSql(url: string, records: readonly TaskRecord[]): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const first = Date.now() - records.length - 1_000;
  try {
    await sql.begin(async (tx) => {
      for (let start = 0; start < records.length; start += CHUNK) {
        const chunk = records.slice(start, start + CHUNK);
        const ids = chunk.map((record) => record.id!);
        const stamps = chunk.map((_, i) => String(first + start + i));
        const data = chunk.map(({ id: _id, ...rest }) => JSON.stringify(rest));
        await tx.unsafe(
          `INSERT INTO objects (resource_name, parent_id, id, last_modified, data)
           SELECT 'record', $1, u.id, u.ts::bigint, u.d::jsonb
           FROM unnest($2::text[], $3::text[], $4::text[]) AS u(id, ts, d)`,
          [RECORDS_PARENT, ids, stamps, data],
        );
        await tx.unsafe(
          `INSERT INTO access_control_entries (object_id, permission, principal)
           SELECT $1 || '/records/' || u.id, 'write', $2 FROM unnest($3::text[]) AS u(id)`,
          [RECORDS_PARENT, PRINCIPAL, ids],
        );
      }
      await tx.unsafe(
        `INSERT INTO timestamps (resource_name, parent_id, last_modified) VALUES ('record', $1, $2::bigint)
         ON CONFLICT (resource_name, parent_id) DO UPDATE SET last_modified = EXCLUDED.last_modified`,
        [RECORDS_PARENT, String(first + records.length - 1)],
      );
    });
    await sql.unsafe('ANALYZE');
  } finally {
    await sql.end();
  }
  return first + records.length - 1;
}
