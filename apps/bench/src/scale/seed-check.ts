import postgres from 'postgres';
import { RECORDS_PARENT, RECORDS_PATH } from '../collection.ts';
import { taskRecord } from '../records.ts';
import type { OneConnectionClient } from './client.ts';

/** The id of the record whose `n` is `n` (the seed draws ids at random). */
export async function idOf(url: string, n: number): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe(
      `SELECT id FROM objects WHERE resource_name = 'record' AND parent_id = $1 AND data @> $2::text::jsonb`,
      [RECORDS_PARENT, JSON.stringify({ n })],
    );
    if (row === undefined) throw new Error(`no record with n = ${n}`);
    return row.id as string;
  } finally {
    await sql.end();
  }
}

/** The seeded record read over HTTP must be `taskRecord(n)`: the SQL seed stores what a POST would. */
export async function checkSeededRecord(client: OneConnectionClient, id: string, n: number): Promise<void> {
  const response = await client.send('GET', `${RECORDS_PATH}/${id}`);
  const { data } = JSON.parse(response.body) as { data: Record<string, unknown> };
  const { id: _id, last_modified: _lm, ...fields } = data;
  const expected = taskRecord(n);
  // jsonb keeps keys in its own order: compare with sorted keys.
  const sorted = (value: object) => JSON.stringify(Object.fromEntries(Object.entries(value).sort()));
  if (sorted(fields) !== sorted(expected)) {
    throw new Error(
      `seeded record ${id} reads ${JSON.stringify(fields)}, expected ${JSON.stringify(expected)}`,
    );
  }
}
