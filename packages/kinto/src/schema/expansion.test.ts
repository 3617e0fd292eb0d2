import type { JsonObject, JsonValue } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import {
  CYCLE,
  doublingDag,
  EXPANDS,
  HOSTILE_SCHEMAS,
  RECURSIVE_SCHEMAS,
} from '../testing/hostile-schemas.ts';
import { compileSchema } from './compile.ts';
import { DRAFT_07_META_SCHEMA } from './draft-07.ts';
import { expansionProblem, MAX_EVALUATIONS_PER_VALUE } from './expansion.ts';

/** `compileSchema`'s refusal, or `undefined` when the schema compiles. */
function compileProblem(schema: JsonValue): string | undefined {
  try {
    compileSchema(schema);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('same-instance expansion: cycles and explosions refused at compile time (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 the graph walk: a DAG is counted with memoisation, a cycle found, the count capped', () => {
    const [a, b, c, d] = [{}, {}, {}, {}];
    // a -> b, c; b -> d; c -> d: 1 + (1 + 1) + (1 + 1) = 5 evaluations from a.
    const dag = new Map<object, object[]>([
      [a, [b, c]],
      [b, [d]],
      [c, [d]],
      [d, []],
    ]);
    expect(expansionProblem(dag)).toBeUndefined();
    expect(expansionProblem(dag, 5)).toBeUndefined();
    expect(expansionProblem(dag, 4)).toBe('the schema expands to more than 4 evaluations per value');
    expect(expansionProblem(new Map([[a, [a]]]))).toBe(CYCLE);
    expect(
      expansionProblem(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [d, b]],
          [d, []],
        ]),
      ),
    ).toBe(CYCLE);
    // 2,000 nodes each pointing twice to the next: 2^2000 paths, counted in linear time, no overflow.
    const chain = Array.from({ length: 2_000 }, () => ({}));
    const doubling = new Map(
      chain.map((node, index) => [
        node,
        index + 1 < chain.length ? [chain[index + 1]!, chain[index + 1]!] : [],
      ]),
    );
    expect(expansionProblem(doubling, Number.MAX_SAFE_INTEGER)).toBe(
      `the schema expands to more than ${Number.MAX_SAFE_INTEGER} evaluations per value`,
    );
  });

  it('F-KIN-SCH-01 hostile schemas are refused when compiled', () => {
    for (const { schema, description } of Object.values(HOSTILE_SCHEMAS)) {
      expect(compileProblem(schema)).toBe(description);
    }
  });

  it('F-KIN-SCH-01 every same-instance keyword closes a cycle; descending keywords do not', () => {
    const cycles: JsonValue[] = [
      { oneOf: [{ type: 'string' }, { $ref: '#' }] },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited.
      { if: { type: 'string' }, then: true, else: { $ref: '#' } },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited.
      { if: { type: 'string' }, then: { $ref: '#' } },
      { dependencies: { a: { $ref: '#' } } },
      { definitions: { unused: { allOf: [{ $ref: '#/definitions/unused' }] } } },
      {
        $id: 'http://example.com/s.json',
        properties: { a: { $ref: '#/definitions/x' } },
        definitions: { x: { $ref: 's.json#/definitions/x' } },
      },
    ];
    for (const schema of cycles) expect(compileProblem(schema)).toBe(CYCLE);
    const descending: JsonValue[] = [
      { items: { $ref: '#' } },
      { items: [{ $ref: '#' }], additionalItems: { $ref: '#' } },
      { contains: { $ref: '#' } },
      { properties: { a: { $ref: '#' } } },
      { patternProperties: { '^a': { $ref: '#' } } },
      { additionalProperties: { $ref: '#' } },
      { propertyNames: { $ref: '#' } },
      { dependencies: { a: ['b'] }, properties: { b: { $ref: '#' } } },
      // `then` without `if` is never evaluated; a `$ref` leading nowhere fails only when followed.
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited.
      { then: { $ref: '#' } },
      { $ref: '#/definitions/missing' },
    ];
    for (const schema of descending) expect(compileProblem(schema)).toBeUndefined();
  });

  it('F-KIN-SCH-01 the bound: a doubling DAG of 11 levels (8,189 evaluations) passes, 12 levels do not', () => {
    const at = (levels: number) => ({ definitions: doublingDag(levels), $ref: `#/definitions/d${levels}` });
    expect(MAX_EVALUATIONS_PER_VALUE).toBe(10_000);
    expect(compileProblem(at(11))).toBeUndefined();
    expect(compileProblem(at(12))).toBe(EXPANDS);
  });

  it('F-KIN-SCH-01 a chain of 12,000 $refs is refused without a stack overflow', () => {
    const definitions: JsonObject = { r12000: {} };
    for (let index = 0; index < 12_000; index += 1)
      definitions[`r${index}`] = { $ref: `#/definitions/r${index + 1}` };
    expect(compileProblem({ definitions, $ref: '#/definitions/r0' })).toBe(EXPANDS);
  });

  it('F-KIN-SCH-01 legitimate recursive schemas and the draft-07 meta-schema compile', () => {
    expect(compileProblem(DRAFT_07_META_SCHEMA)).toBeUndefined();
    expect(compileSchema(DRAFT_07_META_SCHEMA, { assertRegexFormat: true })).toBeDefined();
    for (const { schema } of Object.values(RECURSIVE_SCHEMAS)) expect(compileProblem(schema)).toBeUndefined();
  });
});
