import { defineMatrix } from './matrix.ts';

// The authorization matrix on the memory backends (see matrix.ts).
defineMatrix('memory');
