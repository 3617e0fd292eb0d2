import type { Sql, TransactionSql } from 'postgres';

/**
 * The versioned schema: migration `n` (1-based) upgrades version `n - 1` to `n`. Each entry is a list
 * of statements run in one transaction. Append new migrations; never edit a released one.
 */
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE objects (
       resource_name TEXT COLLATE "C" NOT NULL,
       parent_id TEXT COLLATE "C" NOT NULL,
       id TEXT COLLATE "C" NOT NULL,
       last_modified BIGINT NOT NULL,
       data JSONB NOT NULL DEFAULT '{}'::jsonb,
       deleted BOOLEAN NOT NULL DEFAULT FALSE,
       PRIMARY KEY (resource_name, parent_id, id)
     )`,
    // Listings, `_since`/`_before`, keyset pages and the default order (newest first, then id) of a list.
    'CREATE INDEX idx_objects_last_modified ON objects (resource_name, parent_id, last_modified DESC, id)',
    // Tombstone purges and `includeDeleted` scans stay small.
    'CREATE INDEX idx_objects_deleted ON objects (resource_name, parent_id, last_modified) WHERE deleted',
    `CREATE TABLE timestamps (
       resource_name TEXT COLLATE "C" NOT NULL,
       parent_id TEXT COLLATE "C" NOT NULL,
       last_modified BIGINT NOT NULL,
       PRIMARY KEY (resource_name, parent_id)
     )`,
    `CREATE TABLE access_control_entries (
       object_id TEXT COLLATE "C" NOT NULL,
       permission TEXT COLLATE "C" NOT NULL,
       principal TEXT COLLATE "C" NOT NULL,
       PRIMARY KEY (object_id, permission, principal)
     )`,
    // From a principal to what it may access (shared listings, `getAccessibleObjects`).
    'CREATE INDEX idx_aces_principal ON access_control_entries (principal, permission, object_id)',
    `CREATE TABLE user_principals (
       user_id TEXT COLLATE "C" NOT NULL,
       principal TEXT COLLATE "C" NOT NULL,
       PRIMARY KEY (user_id, principal)
     )`,
    // `removePrincipal` (a group deleted): from a principal to its members.
    'CREATE INDEX idx_user_principals_principal ON user_principals (principal, user_id)',
  ],
  [
    // Version 2: containment (`data @> '{"f": v}'`) on object fields. `eq` filters on a data field
    // with a scalar or null value add such a condition as an index-usable prefilter (kinto#3646:
    // `data -> 'f' = v` alone cannot use a GIN index). `jsonb_path_ops`: smaller and faster than the
    // default class for `@>`, the only operator used.
    'CREATE INDEX idx_objects_data ON objects USING gin (data jsonb_path_ops)',
  ],
];

/** The schema version this code runs on. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The table recording the schema version (one row). */
export const VERSION_TABLE = 'storage_postgres_schema';

/** Outcome of {@link migrate}. */
export interface MigrationResult {
  /** Version found before migrating (0: empty schema). */
  readonly from: number;
  /** Version after migrating (equal to `from` on a dry run). */
  readonly to: number;
  /** Migrations still to apply: 0 after a real run; on a dry run, how many a real run would apply. */
  readonly pending: number;
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Only check the version; apply nothing. */
  readonly dryRun?: boolean;
}

async function currentVersion(sql: Sql | TransactionSql): Promise<number> {
  const [found] = await sql.unsafe('SELECT to_regclass($1::text) IS NOT NULL AS present', [VERSION_TABLE]);
  if (found?.present !== true) return 0;
  const [row] = await sql.unsafe(`SELECT version FROM ${VERSION_TABLE}`);
  return row === undefined ? 0 : Number(row.version);
}

function refuseNewer(version: number): void {
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `@core/storage-postgres: the database schema is at version ${version}, newer than the ${SCHEMA_VERSION} ` +
        'this code supports. Upgrade @core/storage-postgres (or point it at another schema); refusing to start.',
    );
  }
}

/**
 * Creates or upgrades the tables and indexes in the first schema of the client's `search_path`.
 * Idempotent and safe to run from several processes at once (a transaction-level advisory lock
 * serialises them). Rejects, changing nothing, when the schema is newer than this code. Runs
 * without the client's `statement_timeout` and `lock_timeout`.
 */
export async function migrate(sql: Sql, options: MigrateOptions = {}): Promise<MigrationResult> {
  if (options.dryRun) {
    const version = await currentVersion(sql);
    refuseNewer(version);
    return { from: version, to: version, pending: SCHEMA_VERSION - version };
  }
  return sql.begin(async (tx) => {
    // The client's request deadlines do not apply: building an index on a large table takes long,
    // and a concurrent start waits for this migration's lock.
    await tx.unsafe('SET LOCAL statement_timeout = 0');
    await tx.unsafe('SET LOCAL lock_timeout = 0');
    await tx.unsafe("SELECT pg_advisory_xact_lock(hashtextextended('@core/storage-postgres:migrate', 0))");
    await tx.unsafe(
      `CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (
         singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
         version INTEGER NOT NULL
       )`,
    );
    const from = await currentVersion(tx);
    refuseNewer(from);
    for (let version = from + 1; version <= SCHEMA_VERSION; version++) {
      for (const statement of MIGRATIONS[version - 1]!) await tx.unsafe(statement);
    }
    await tx.unsafe(
      `INSERT INTO ${VERSION_TABLE} (singleton, version) VALUES (TRUE, $1::text::integer)
       ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version`,
      [String(SCHEMA_VERSION)],
    );
    return { from, to: SCHEMA_VERSION, pending: 0 };
  });
}
