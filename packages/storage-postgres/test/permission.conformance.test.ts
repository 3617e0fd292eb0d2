import { permissionConformance } from '@core/conformance';
import { describe } from 'vitest';
import { createPostgresPermission } from '../src/permission.ts';
import { clientFor, freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('permission') : '';

describe.skipIf(!available)('@core/storage-postgres permission', () => {
  permissionConformance({
    create: () => createPostgresPermission({ sql: clientFor(schema), ownsClient: true }),
  });
});
