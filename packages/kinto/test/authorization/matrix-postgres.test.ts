import { defineMatrix } from './matrix.ts';

// The authorization matrix on PostgreSQL (storage + permission) and Redis (cache), chosen by settings
// on a fresh database and a private cache prefix (see matrix.ts); skipped loudly when they are down,
// a failure under CI=true.
defineMatrix('postgres');
