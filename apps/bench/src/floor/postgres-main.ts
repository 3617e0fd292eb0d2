import postgres from 'postgres';
import { createPostgresStore } from './postgres-store.ts';
import { serveFloor } from './serve.ts';

// The PostgreSQL floor: FLOOR_PORT, and FLOOR_DATABASE_URL a migrated, seeded database. Pool of 10,
// as `@core/storage-postgres` opens by default.
const sql = postgres(process.env.FLOOR_DATABASE_URL!, { max: 10, onnotice: () => {} });
// FLOOR_FILTERS=exact: `eq` filters without the backend's containment prefilter.
const prefilter = process.env.FLOOR_FILTERS !== 'exact';
serveFloor(createPostgresStore(sql, { prefilter }), () => sql.end({ timeout: 1 }));
