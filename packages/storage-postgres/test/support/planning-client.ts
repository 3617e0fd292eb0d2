import postgres from 'postgres';
import { POSTGRES_URL } from './postgres.ts';

/** A one-connection client on `searchPath` whose `planOf(call)` is the EXPLAIN of the last query `call` sent. */
export function planningClient(searchPath: string) {
  let captured: { query: string; parameters: unknown[] } | undefined;
  const sql = postgres(POSTGRES_URL, {
    max: 1,
    onnotice: () => {},
    connection: { search_path: searchPath },
    debug: (_connection, query, parameters) => {
      captured = { query, parameters };
    },
  });
  async function planOf(call: () => Promise<unknown>): Promise<string> {
    captured = undefined;
    await call();
    const { query, parameters } = captured!;
    const rows = await sql.unsafe(`EXPLAIN ${query}`, parameters as string[]);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }
  /** The generic plan (the one a prepared statement ends up reusing) of the last query `call` sent. */
  async function genericPlanOf(call: () => Promise<unknown>): Promise<string> {
    captured = undefined;
    await call();
    const { query, parameters } = captured!;
    const literals = (parameters as (string | string[])[]).map((value) =>
      sql.unsafe('SELECT quote_literal($1::text) AS q', [
        Array.isArray(value) ? `{${value.join(',')}}` : value,
      ]),
    );
    const quoted = (await Promise.all(literals)).map((rows) => rows[0]!.q as string);
    return sql.begin(async (tx) => {
      await tx.unsafe('SET LOCAL plan_cache_mode = force_generic_plan');
      await tx.unsafe(`PREPARE generic_plan AS ${query}`);
      const rows = await tx.unsafe(`EXPLAIN EXECUTE generic_plan(${quoted.join(', ')})`);
      await tx.unsafe('DEALLOCATE generic_plan');
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    }) as Promise<string>;
  }
  return { sql, planOf, genericPlanOf };
}
