import postgres, { type Sql } from 'postgres';
import { afterAll } from 'vitest';
import { migrate } from '../../src/migrations.ts';

/** The server the tests run against; `POSTGRES_URL` overrides it. */
export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL answers. When it does not: under `CI=true` this throws (a missing server is a
 * failure there); elsewhere it warns loudly and the caller skips its tests.
 */
/**
 * The verdict of the run's one service check (scripts/test-services.ts, the root vitest global
 * setup), when the tests run under it; `undefined` when run another way (then probe here).
 */
function checkedOnce(service: 'postgres' | 'redis'): { up: boolean; reason: string } | undefined {
  const verdicts = process.env.CORE_TEST_SERVICES;
  return verdicts ? (JSON.parse(verdicts)[service] as { up: boolean; reason: string }) : undefined;
}

export async function postgresAvailable(): Promise<boolean> {
  const checked = checkedOnce('postgres');
  if (checked !== undefined) {
    if (!checked.up)
      console.warn(`\n!!!!!!!!!! SKIPPING the @core/storage-postgres tests: ${checked.reason}\n`);
    return checked.up;
  }
  const probe = postgres(POSTGRES_URL, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await probe.unsafe('SELECT 1');
    return true;
  } catch (error) {
    const message = `PostgreSQL is not reachable at ${POSTGRES_URL}: ${String(error)}`;
    if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a missing server is a failure)`);
    console.warn(`\n!!!!!!!!!! ${message}\n!!!!!!!!!! SKIPPING the @core/storage-postgres tests\n`);
    return false;
  } finally {
    await probe.end({ timeout: 1 }).catch(() => {});
  }
}

/** A client whose `search_path` is `schema`. */
export function clientFor(schema: string, options: { max?: number } = {}): Sql {
  return postgres(POSTGRES_URL, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { search_path: schema },
  });
}

/**
 * A fresh, randomly named schema for this test file, migrated, and dropped in `afterAll`. Returns its
 * name (call at the top level of a test file, after checking {@link postgresAvailable}).
 */
export async function freshSchema(prefix: string): Promise<string> {
  const schema = `test_${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE SCHEMA "${schema}"`);
  const migrator = clientFor(schema, { max: 1 });
  await migrate(migrator);
  await migrator.end();
  afterAll(async () => {
    await admin.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  });
  return schema;
}
