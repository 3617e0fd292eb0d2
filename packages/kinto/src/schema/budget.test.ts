import type { JsonValue } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { STEP_BUDGET } from './budget.ts';
import { createContext } from './context.ts';
import { compiledSchema, validateWithSchema } from './validate.ts';

const uuid = (index: number) => `${index.toString(16).padStart(8, '0')}-1234-4abc-8def-0123456789ab`;

/** A legitimate large record: 10,000 entries of seven fields (about 1.7 MB of JSON). */
const record = {
  entries: Array.from({ length: 10_000 }, (_, index) => ({
    id: uuid(index),
    name: `Entry number ${index} with a longer description`,
    kind: ['a', 'b', 'c'][index % 3]!,
    count: index,
    date: '2024-01-15',
    tags: ['x', 'y'],
    active: index % 2 === 0,
  })),
};

const schema = {
  type: 'object',
  required: ['entries'],
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'kind', 'count'],
        properties: {
          id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          kind: { enum: ['a', 'b', 'c'] },
          count: { type: 'integer', minimum: 0 },
          date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          tags: { type: 'array', items: { type: 'string', maxLength: 20 }, uniqueItems: true },
          active: { type: 'boolean' },
          email: { type: 'string', pattern: '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$' },
        },
      },
    },
  },
};

describe('the step budget (issue 22, F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 a legitimate 1.7 MB record with a realistic schema takes under half of the budget', () => {
    const context = createContext(STEP_BUDGET, 1_000);
    expect(compiledSchema(schema).validate(record, context)).toBeUndefined();
    const used = STEP_BUDGET - context.steps;
    expect(used).toBeGreaterThan(100_000);
    expect(used).toBeLessThan(STEP_BUDGET / 2);
    expect(() => validateWithSchema(record, schema)).not.toThrow();
  });

  it('F-KIN-SCH-01 schemas compile once per JSON text (callers build a fresh object per request)', () => {
    const first = compiledSchema(JSON.parse(JSON.stringify(schema)) as JsonValue);
    expect(compiledSchema(JSON.parse(JSON.stringify(schema)) as JsonValue)).toBe(first);
    expect(compiledSchema({ ...schema, required: [] })).not.toBe(first);
  });
});
