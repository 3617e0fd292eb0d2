export {
  createPostgresBackends,
  type PostgresBackends,
  type PostgresBackendsOptions,
  type PostgresConnection,
} from './backends.ts';
export { type MigrateOptions, type MigrationResult, migrate, SCHEMA_VERSION } from './migrations.ts';
export { createPostgresPermission, type PostgresPermissionOptions } from './permission.ts';
export {
  createBackendsFromSettings,
  createPermissionFromSettings,
  createStorageFromSettings,
  type PostgresSettings,
} from './settings.ts';
export { createPostgresStorage, type PostgresStorageOptions } from './storage.ts';
