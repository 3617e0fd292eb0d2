// The bounds of one validation (kinto-resources.md §5; issue 22). A request that exceeds one gets a 400
// naming `schema`, never a blocked process or a stack overflow.

/**
 * Steps one validation may take: one per keyword evaluated, plus one per element a keyword walks
 * (properties, items, `required` names, `enum` members), per 256 characters a string is hashed or
 * counted, and what a pattern search may cost at worst (see {@link PATTERN_UNITS_PER_STEP}).
 *
 * A keyword step costs 40–140 ns on the two-core machine, so the budget stops a validation after
 * roughly 0.1–0.3 s (about 0.45 s when it is all NFA pattern matching). A legitimate 1.7 MB record —
 * 10,000 objects of seven fields with `maxLength`, `enum`, `minimum`, a uuid and a date pattern,
 * `uniqueItems`, `required` and `additionalProperties: false` — takes about 940,000 steps, under
 * half of it (budget.test.ts measures it); a record of a few KiB takes a few hundred. A schema
 * whose cost per value is unbounded (a `$ref` cycle) or huge (a 40-level doubling `$ref` DAG, 2^40
 * steps) is refused when compiled (expansion.ts); the budget bounds what depends on the data.
 */
export const STEP_BUDGET = 2_000_000;

/**
 * Searched characters × program instructions per step. RE2JS's DFA is usually far cheaper than that
 * product, but when its state cache thrashes it falls back to an NFA costing about 55 ns per character
 * per instruction (`[ab]*a[ab]{500}cd` on random `ab` text): charging the product keeps that case
 * inside the budget too (at worst STEP_BUDGET × 4 × 55 ns ≈ 0.45 s, two-core machine).
 */
export const PATTERN_UNITS_PER_STEP = 4;

/** Units a character costs on RE2's one-pass engine (about 60–120 ns, whatever the program size). */
export const ONE_PASS_UNITS_PER_CHAR = 4;

/** Steps charged for reading a container when computing equality ids (about 1 µs per entry measured). */
export const STEPS_PER_CONTAINER_ENTRY = 8;

/** Characters of a string that cost one step to hash, count or compare. */
export const CHARS_PER_STEP = 256;

/**
 * Schema evaluations nested at once. Request bodies nest at most 128 levels, and a level takes a few
 * evaluations (`$ref` → `allOf` → `properties`), so 1,000 is never reached legitimately; it stops
 * deep data under a recursive schema long before the call stack would overflow (a `$ref` cycle on one
 * value, such as `{"$ref": "#"}`, is refused when compiled: expansion.ts).
 */
export const MAX_EVALUATION_DEPTH = 1_000;

/** Deepest schema (objects and arrays, one level each) that is compiled; deeper ones are refused. */
export const MAX_SCHEMA_NESTING = 512;

/** Steps charged per (estimated) instruction of a pattern compiled by the meta-schema check (~1.5 µs each). */
export const PATTERN_COMPILE_STEPS_PER_INSTRUCTION = 16;
