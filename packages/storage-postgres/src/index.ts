export { type MigrateOptions, type MigrationResult, migrate, SCHEMA_VERSION } from './migrations.ts';
export { createPostgresStorage, type PostgresStorageOptions } from './storage.ts';
