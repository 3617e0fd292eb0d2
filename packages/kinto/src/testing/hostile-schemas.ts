// Test support: schemas whose same-instance `$ref` graph loops or explodes (refused when stored), and
// legitimate recursive schemas (accepted), with records that pass and fail them.

import type { JsonObject } from '@core/contracts';

/** The description of a schema refused for a same-instance cycle. */
export const CYCLE = '$ref cycle: the schema would recurse without end on the same value';

/** The description of a schema refused for expanding past the static bound. */
export const EXPANDS = 'the schema expands to more than 10000 evaluations per value';

/** `d0` a string, each `d<n>` the `allOf` of two `$ref`s to `d<n-1>`: 2^levels paths per value. */
export function doublingDag(levels: number): JsonObject {
  const definitions: JsonObject = { d0: { type: 'string' } };
  for (let level = 1; level <= levels; level += 1) {
    const previous = `#/definitions/d${level - 1}`;
    definitions[`d${level}`] = { allOf: [{ $ref: previous }, { $ref: previous }] };
  }
  return definitions;
}

/** Hostile schemas by name, with the description they are refused with. */
export const HOSTILE_SCHEMAS: Readonly<Record<string, { schema: JsonObject; description: string }>> = {
  'a $ref to itself': { schema: { $ref: '#' }, description: CYCLE },
  'a mutual cycle through allOf and anyOf': {
    schema: {
      definitions: {
        a: { allOf: [{ $ref: '#/definitions/b' }] },
        b: { anyOf: [{ $ref: '#/definitions/a' }] },
      },
      $ref: '#/definitions/a',
    },
    description: CYCLE,
  },
  'a cycle through not and if, under a property': {
    schema: {
      definitions: {
        n: { not: { $ref: '#/definitions/i' } },
        // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited.
        i: { if: { $ref: '#/definitions/n' }, then: { type: 'string' } },
      },
      type: 'object',
      properties: { x: { $ref: '#/definitions/n' } },
    },
    description: CYCLE,
  },
  'a $ref DAG doubling at each of 40 levels': {
    schema: { definitions: doublingDag(40), properties: { f: { $ref: '#/definitions/d40' } } },
    description: EXPANDS,
  },
};

/** Legitimate recursive schemas by name, with records that pass them and records that fail (and the field named). */
export const RECURSIVE_SCHEMAS: Readonly<
  Record<
    string,
    { schema: JsonObject; valid: readonly JsonObject[]; invalid: readonly (readonly [JsonObject, string])[] }
  >
> = {
  'a tree through items and $ref "#"': {
    schema: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
    },
    valid: [{ name: 'root', children: [{ name: 'a', children: [{ name: 'b' }] }, { name: 'c' }] }],
    invalid: [[{ name: 'root', children: [{ name: 'a', children: [{ title: 'no name' }] }] }, 'name']],
  },
  'a linked list through properties': {
    schema: {
      definitions: {
        node: {
          type: 'object',
          required: ['value'],
          properties: {
            value: { type: 'integer' },
            next: { anyOf: [{ type: 'null' }, { $ref: '#/definitions/node' }] },
          },
        },
      },
      properties: { list: { $ref: '#/definitions/node' } },
    },
    valid: [{ list: { value: 1, next: { value: 2, next: { value: 3, next: null } } } }],
    invalid: [[{ list: { value: 1, next: { value: 'two', next: null } } }, 'next']],
  },
  'recursion through every descending keyword': {
    schema: {
      type: ['object', 'array', 'string', 'integer'],
      additionalProperties: { $ref: '#' },
      patternProperties: { '^p_': { $ref: '#' } },
      propertyNames: { $ref: '#' },
      dependencies: { d: { properties: { deep: { $ref: '#' } } } },
      items: [{ $ref: '#' }],
      additionalItems: { $ref: '#' },
      contains: { $ref: '#' },
    },
    valid: [{ a: { b: [1, ['x', { p_c: 'y' }]] }, d: 1, deep: { e: 2 } }],
    invalid: [
      [{ a: { b: [1, [true]] } }, '0'],
      [{ d: 1, deep: { e: 1.5 } }, 'e'],
    ],
  },
  'a property holding a JSON schema (the draft-07 meta-schema by $ref)': {
    schema: {
      type: 'object',
      properties: { definition: { $ref: 'http://json-schema.org/draft-07/schema#' } },
    },
    valid: [{ definition: { type: 'object', properties: { a: { items: { $ref: '#' } } } } }],
    invalid: [[{ definition: { properties: { a: { minLength: -1 } } } }, 'minLength']],
  },
  'a DAG of definitions reused 20 times': {
    schema: {
      definitions: {
        id: { type: 'string', pattern: '^[a-z0-9-]+$' },
        stamp: { allOf: [{ type: 'integer' }, { minimum: 0 }] },
        ref: {
          type: 'object',
          properties: { id: { $ref: '#/definitions/id' }, at: { $ref: '#/definitions/stamp' } },
        },
        entry: { allOf: [{ $ref: '#/definitions/ref' }, { required: ['id'] }] },
      },
      type: 'object',
      allOf: Array.from({ length: 20 }, () => ({ $ref: '#/definitions/ref' })),
      properties: Object.fromEntries(
        Array.from({ length: 20 }, (_, index) => [`e${index}`, { $ref: '#/definitions/entry' }]),
      ),
    },
    valid: [{ id: 'top', e0: { id: 'a-1', at: 3 }, e19: { id: 'z' } }],
    invalid: [
      [{ e7: { at: 3 } }, 'id'],
      [{ e3: { id: 'b', at: -1 } }, 'at'],
      [{ e5: { id: 'Not An Id' } }, 'id'],
    ],
  },
};
