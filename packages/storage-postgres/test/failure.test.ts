import { isCoreError } from '@core/contracts';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createPostgresBackends } from '../src/backends.ts';
import { freshSchema, POSTGRES_URL, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('failure') : '';
const RECORDS = { resource: 'record', parent: '/buckets/b/collections/c' };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe.skipIf(!available)('backend failures', () => {
  it('an unreachable server gives BackendError (503) and a false heartbeat', async () => {
    const sql = postgres('postgres://postgres@127.0.0.1:1/test', { max: 1, connect_timeout: 2 });
    const { storage, permission, transaction } = createPostgresBackends({ sql });
    try {
      expect(await storage.heartbeat()).toBe(false);
      expect(await permission.heartbeat()).toBe(false);
      for (const error of [
        await failure(storage.create(RECORDS, {})),
        await failure(storage.listAll(RECORDS)),
        await failure(permission.getUserPrincipals('account:a')),
        // A transaction connects at its first statement (one that only reads, or nothing, never begins).
        await failure(transaction(({ storage }) => storage.create(RECORDS, {}))),
      ]) {
        expect(isCoreError(error, 'BACKEND_ERROR'), String(error)).toBe(true);
        expect((error as { status: number }).status).toBe(503);
      }
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('the pool recovers after its connections are killed', async () => {
    const application = `recovery_${schema}`;
    const sql = postgres(POSTGRES_URL, {
      max: 2,
      onnotice: () => {},
      connection: { search_path: schema, application_name: application },
    });
    const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
    const { storage } = createPostgresBackends({ sql });
    try {
      await storage.create(RECORDS, { id: 'before' });
      await admin.unsafe(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1::text',
        [application],
      );
      // The first call may meet a dead connection: it must fail as BackendError, never hang.
      const outcome = await storage.get(RECORDS, 'before').then(
        () => undefined,
        (error: unknown) => error,
      );
      if (outcome !== undefined) expect(isCoreError(outcome, 'BACKEND_ERROR'), String(outcome)).toBe(true);
      await storage.create(RECORDS, { id: 'after' });
      expect((await storage.listAll(RECORDS)).map((object) => object.id).sort()).toEqual(['after', 'before']);
      expect(await storage.heartbeat()).toBe(true);
    } finally {
      await sql.end({ timeout: 1 });
      await admin.end({ timeout: 1 });
    }
  });
});
