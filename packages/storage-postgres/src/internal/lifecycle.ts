import { BackendError } from '@core/contracts';
import type { Sql } from 'postgres';
import { type MigrateOptions, migrate, SCHEMA_VERSION, VERSION_TABLE } from '../migrations.ts';
import { mapDriverError, mapped } from './errors.ts';

/**
 * The backends' `initializeSchema`: migrates; with `dryRun`, only checks, rejecting with
 * `BackendError` (naming `kinto migrate`) when migrations are pending — what `kinto migrate
 * --dry-run` and the server's start-up check report.
 */
export async function initializeSchema(sql: Sql, options: MigrateOptions = {}): Promise<void> {
  const { from, pending } = await mapped(() => migrate(sql, options));
  if (pending > 0) {
    throw new BackendError(
      `PostgreSQL schema at version ${from}, this code needs ${SCHEMA_VERSION}: run \`kinto migrate\` (or migrate(sql) of @core/storage-postgres)`,
    );
  }
}

/**
 * `true` when the server answers and its schema is the one this code runs on (one round trip);
 * `false` when it is unreachable, unmigrated or at another version. Never rejects.
 */
export async function pingServer(sql: Sql): Promise<boolean> {
  try {
    const [row] = await sql.unsafe(`SELECT version FROM ${VERSION_TABLE}`);
    return Number(row?.version) === SCHEMA_VERSION;
  } catch {
    return false;
  }
}

/** Ends the client when the backend owns it (a client the user passed in stays open). */
export async function closeClient(sql: Sql, owned: boolean | undefined): Promise<void> {
  if (!owned) return;
  await sql.end({ timeout: 5 }).catch((error: unknown) => {
    throw mapDriverError(error);
  });
}
