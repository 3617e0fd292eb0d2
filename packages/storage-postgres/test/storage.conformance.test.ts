import { type StorageConformanceOptions, storageConformance } from '@core/conformance';
import type { JsonObject, StorageBackend } from '@core/contracts';
import type { Sql } from 'postgres';
import { describe } from 'vitest';
import { createPostgresStorage } from '../src/storage.ts';
import { clientFor, freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('storage') : '';
const clients = new WeakMap<StorageBackend, Sql>();

function clientOf(backend: StorageBackend): Sql {
  const sql = clients.get(backend);
  if (sql === undefined) throw new Error('Not a backend created by this suite');
  return sql;
}

const options: StorageConformanceOptions = {
  create: () => {
    const sql = clientFor(schema);
    const backend = createPostgresStorage({ sql, ownsClient: true });
    clients.set(backend, sql);
    return backend;
  },
  readonlyView: (backend) => createPostgresStorage({ sql: clientOf(backend), readonly: true }),
  inspect: {
    async rawObject(backend, scope, id) {
      const [row] = await clientOf(backend).unsafe(
        `SELECT data || jsonb_build_object('id', id, 'last_modified', last_modified) AS obj FROM objects
         WHERE resource_name = $1::text AND parent_id = $2::text AND id = $3::text`,
        [scope.resource, scope.parent, id],
      );
      return row === undefined ? undefined : (row.obj as JsonObject);
    },
    async rawTimestamp(backend, scope) {
      const [row] = await clientOf(backend).unsafe(
        'SELECT last_modified::float8 AS ts FROM timestamps WHERE resource_name = $1::text AND parent_id = $2::text',
        [scope.resource, scope.parent],
      );
      return row === undefined ? undefined : Number(row.ts);
    },
  },
};

describe.skipIf(!available)('@core/storage-postgres storage', () => {
  storageConformance(options);
});
