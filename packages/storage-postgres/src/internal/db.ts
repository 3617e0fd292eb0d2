import type { Sql, TransactionSql } from 'postgres';

/** A postgres.js client or transaction: anything that can run a parameterized query. */
export type Queryable = Sql | TransactionSql;

/** One result row, columns by name. */
export type Row = Record<string, unknown>;

/** A parameterized SQL text (`$1`, `$2`...) and its parameter values. */
export interface SqlQuery {
  readonly text: string;
  readonly params: readonly (string | readonly string[] | null)[];
}

/**
 * Runs a parameterized query. User input only ever travels as parameters; `text` is built from
 * fixed fragments and `$n` placeholders by {@link createParams}.
 */
export async function run(db: Queryable, query: SqlQuery): Promise<Row[]> {
  const rows = await db.unsafe(query.text, query.params as string[]);
  return rows as unknown as Row[];
}

const PREPARE = { prepare: true } as const;

/**
 * {@link run} as a named prepared statement (parsed and planned once per connection; postgres.js
 * keeps at most 1,000 per connection). Only for the fixed statements whose plan does not depend on
 * the values: key look-ups and writes. Listings and counts, whose filters, `LIKE` patterns and
 * containment documents decide the plan, stay unnamed, planned for their values every time.
 */
export async function runPrepared(db: Queryable, query: SqlQuery): Promise<Row[]> {
  const rows = await db.unsafe(query.text, query.params as string[], PREPARE);
  return rows as unknown as Row[];
}

/** Collects parameter values and hands out typed placeholders for them. */
export interface Params {
  readonly values: (string | readonly string[] | null)[];
  /** A `text` placeholder. */
  text(value: string): string;
  /** A `jsonb` placeholder holding `value` (sent as JSON text, so JSON `null` stays a value). */
  json(value: unknown): string;
  /** A `numeric` placeholder (exact comparison with any JSON number). */
  numeric(value: number): string;
  /** A `bigint` placeholder. */
  bigint(value: number): string;
  /** A `boolean` placeholder. */
  boolean(value: boolean): string;
  /** A `text[]` placeholder. */
  textArray(values: readonly string[]): string;
  /** A `bigint[]` placeholder. */
  bigintArray(values: readonly number[]): string;
}

/** A fresh parameter list. Every value is sent as text and cast server-side to its type. */
export function createParams(): Params {
  const values: (string | readonly string[] | null)[] = [];
  const add = (value: string | readonly string[]): string => {
    values.push(value);
    return `$${values.length}`;
  };
  return {
    values,
    text: (value) => `${add(value)}::text`,
    json: (value) => `${add(JSON.stringify(value))}::text::jsonb`,
    numeric: (value) => `${add(String(value))}::text::numeric`,
    bigint: (value) => `${add(String(value))}::text::bigint`,
    boolean: (value) => `${add(value ? 'true' : 'false')}::text::boolean`,
    textArray: (list) => `${add([...list])}::text[]`,
    bigintArray: (list) => `${add(list.map(String))}::text[]::bigint[]`,
  };
}

/** A query from text and the parameters it references. */
export function query(text: string, params: Params): SqlQuery {
  return { text, params: params.values };
}
