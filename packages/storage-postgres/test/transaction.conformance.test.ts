import { transactionConformance } from '@core/conformance';
import type { Backends, CacheBackend } from '@core/contracts';
import { createMemoryCache } from '@core/storage-memory';
import type { Sql } from 'postgres';
import { describe } from 'vitest';
import { createPostgresBackends } from '../src/backends.ts';
import { clientFor, freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('transaction') : '';
const clients = new WeakMap<Backends, Sql>();

describe.skipIf(!available)('@core/storage-postgres joint transactions', () => {
  transactionConformance({
    create: () => {
      const backends = createPostgresBackends({ sql: clientFor(schema) });
      const cache: CacheBackend = createMemoryCache();
      const all = { ...backends, cache };
      clients.set(all, backends.sql);
      return all;
    },
    reset: async (backends) => {
      await backends.storage.flush();
      await backends.permission.flush();
    },
    destroy: async (backends) => {
      await clients.get(backends)?.end();
    },
  });
});
