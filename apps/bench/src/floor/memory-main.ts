import { readFileSync } from 'node:fs';
import { createMemoryStore } from './memory-store.ts';
import { serveFloor } from './serve.ts';
import type { StoredRecord } from './store.ts';

// The memory floor: FLOOR_PORT, and FLOOR_SEED a JSON file of the stored records.
const seed = JSON.parse(readFileSync(process.env.FLOOR_SEED!, 'utf8')) as StoredRecord[];
serveFloor(createMemoryStore(seed));
