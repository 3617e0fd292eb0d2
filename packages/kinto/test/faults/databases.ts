import { migrate } from '@core/storage-postgres';
import postgres from 'postgres';

/** A database of its own for one test, on the server `adminUrl` points at. */
export interface TestDatabase {
  /** Its URL, with `application_name` set so its connections can be found (and only they killed). */
  readonly url: string;
  readonly applicationName: string;
  /** Terminates the server connections of this database's clients (by their `application_name`). */
  killConnections(): Promise<number>;
  /** Drops it (its connections first). */
  drop(): Promise<void>;
}

/** Creates a fresh database (migrated unless told otherwise) on the server of `adminUrl`. */
export async function createTestDatabase(
  adminUrl: string,
  options: { migrated?: boolean; prefix?: string } = {},
): Promise<TestDatabase> {
  const name = `${options.prefix ?? 'kinto_faults'}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const bare = adminUrl.replace(/\/[^/?]*(\?.*)?$/, `/${name}`);
  if (options.migrated ?? true) {
    const sql = postgres(bare, { max: 1, onnotice: () => {} });
    await migrate(sql);
    await sql.end();
  }
  return {
    url: `${bare}?application_name=${name}`,
    applicationName: name,
    async killConnections() {
      const rows = await admin.unsafe(
        'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1::text',
        [name],
      );
      return rows.filter((row) => row.killed === true).length;
    },
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 1 });
    },
  };
}
