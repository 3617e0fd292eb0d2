// The bounds of one validation (kinto-resources.md §5; issue 22). A request that exceeds one gets a 400
// naming `schema`, never a blocked process or a stack overflow.

/**
 * Steps one validation may take: one per keyword evaluated, plus one per element a keyword walks
 * (properties, items, `required` names, `enum` members), per 256 characters a string is hashed or
 * counted, and a pattern test's input length times RE2's program size / {@link PATTERN_UNITS_PER_STEP}.
 *
 * A step costs 20–100 ns here, so the budget caps a validation at roughly 0.1–0.5 s. A legitimate
 * 2 MiB record — 10,000 objects of six typed fields with `maxLength`, `enum`, `minimum`, a uuid and a
 * date pattern, `required` and `additionalProperties: false` — takes about 600,000 steps (measured in
 * validate.test.ts), a sixth of it; a typical record of a few KiB takes a few hundred. The hostile
 * schemas of issue 22 (a 40-level doubling `$ref` DAG needs 2^40) stop here.
 */
export const STEP_BUDGET = 4_000_000;

/**
 * Characters × program instructions that a pattern test may do per step. RE2JS's DFA is far cheaper
 * than that bound, but when its state cache thrashes it falls back to an NFA costing about 50 ns per
 * character per instruction; charging the worst case keeps that case inside the budget too.
 */
export const PATTERN_UNITS_PER_STEP = 32;

/** Characters of a string that cost one step to hash, count or compare. */
export const CHARS_PER_STEP = 256;

/**
 * Schema evaluations nested at once. Request bodies nest at most 128 levels, and a level takes a few
 * evaluations (`$ref` → `allOf` → `properties`), so 1,000 is never reached legitimately; it stops a
 * `$ref` cycle such as `{"$ref": "#"}` long before the call stack would overflow.
 */
export const MAX_EVALUATION_DEPTH = 1_000;

/** Deepest schema (objects and arrays, one level each) that is compiled; deeper ones are refused. */
export const MAX_SCHEMA_NESTING = 512;

/** Steps charged per (estimated) instruction of a pattern compiled by the meta-schema check (~1 µs each). */
export const PATTERN_COMPILE_STEPS_PER_INSTRUCTION = 16;
