import { describe } from 'vitest';
import { notStored } from './checks.ts';
import { ARENA, type Backend, type HostileRequest, hostileSuite, must } from './harness.ts';
import { manyItems } from './payloads.ts';

// Hostile JSON Schemas (issue 22, F-KIN-SCH-*): catastrophic backtracking patterns, patterns a
// linear-time engine cannot run (lookahead, backreference), quadratic `uniqueItems`, `$ref` graphs
// that explode or loop, and a deep schema that is valid.

const REDOS = '^(a+)+$';

const suite = hostileSuite('json-schema', {
  async setup(backend: Backend) {
    const collections = `${ARENA}/collections`;
    const schemas: Record<string, unknown> = {
      redos: { type: 'object', properties: { f: { type: 'string', pattern: REDOS } } },
      'redos-keys': { type: 'object', patternProperties: { [REDOS]: { type: 'string' } } },
      unique: { type: 'object', properties: { items: { type: 'array', uniqueItems: true } } },
    };
    for (const [id, schema] of Object.entries(schemas)) {
      await must(backend, 'PUT', `${collections}/${id}`, [201], { json: { data: { schema } } });
    }
  },
});

const recordsOf = (collection: string) => `${ARENA}/collections/${collection}/records`;

const record = (collection: string, id: string, data: string): HostileRequest => ({
  method: 'PUT',
  path: `${recordsOf(collection)}/${id}`,
  body: `{"data":${data}}`,
});

/** Storing a collection whose schema is refused: 400 naming `schema`, no collection created. */
const collectionWith = (id: string, schema: unknown): HostileRequest => ({
  method: 'PUT',
  path: `${ARENA}/collections/${id}`,
  json: { data: { schema } },
});
const schemaRefused = (id: string) => ({
  status: 400,
  errno: 107,
  name: 'data.schema',
  location: 'body',
  after: notStored(`${ARENA}/collections/${id}`),
});

/** `d0` a string, each `d<n>` the `allOf` of two `$ref`s to `d<n-1>`: 2^levels paths to validate. */
function doublingDag(levels: number): Record<string, unknown> {
  const definitions: Record<string, unknown> = { d0: { type: 'string' } };
  for (let level = 1; level <= levels; level++) {
    const previous = { $ref: `#/definitions/d${level - 1}` };
    definitions[`d${level}`] = { allOf: [previous, previous] };
  }
  return { definitions, type: 'object', properties: { f: { $ref: `#/definitions/d${levels}` } } };
}

/** `levels` schemas nested through `items`, around `{"type": "integer"}`. */
function deepSchema(levels: number): unknown {
  let schema: unknown = { type: 'integer' };
  for (let level = 1; level < levels; level++) schema = { items: schema };
  return schema;
}

describe('hostile JSON Schema: regular expressions', () => {
  suite.case(
    `F-KIN-SCH-01 pattern ${REDOS} against "a"×40+"b" → 400 errno 107 naming f (answered, others still served)`,
    record('redos', 'a40', `{"f":"${'a'.repeat(40)}b"}`),
    { status: 400, errno: 107, name: 'f', location: 'body', after: notStored(`${recordsOf('redos')}/a40`) },
  );
  suite.case(
    `F-KIN-SCH-01 pattern ${REDOS} against "a"×100,000+"b" → 400 errno 107 naming f`,
    record('redos', 'a100000', `{"f":"${'a'.repeat(100_000)}b"}`),
    {
      status: 400,
      errno: 107,
      name: 'f',
      location: 'body',
      after: notStored(`${recordsOf('redos')}/a100000`),
    },
  );
  suite.case(
    `F-KIN-SCH-01 pattern ${REDOS} still accepts a matching value → 201`,
    record('redos', 'match', `{"f":"${'a'.repeat(1000)}"}`),
    { status: 201 },
  );
  suite.case(
    `F-KIN-SCH-01 patternProperties ${REDOS} against a key "a"×40+"b": answered, no 5xx, the same on both`,
    record('redos-keys', 'key40', `{"${'a'.repeat(40)}b":"x"}`),
  );
  suite.case(
    'F-KIN-COL-01 a collection schema with a lookahead pattern (?=x) → 400 naming schema',
    collectionWith('lookahead', { type: 'object', properties: { f: { type: 'string', pattern: '(?=x)x' } } }),
    schemaRefused('lookahead'),
  );
  suite.case(
    'F-KIN-COL-01 a collection schema with a backreference pattern (a)\\1 → 400 naming schema',
    collectionWith('backreference', {
      type: 'object',
      properties: { f: { type: 'string', pattern: '(a)\\1' } },
    }),
    schemaRefused('backreference'),
  );
  suite.case(
    'F-KIN-COL-01 a collection schema with a lookahead in patternProperties → 400 naming schema',
    collectionWith('lookahead-keys', { type: 'object', patternProperties: { '(?=x)x': {} } }),
    schemaRefused('lookahead-keys'),
  );
  suite.case(
    'F-KIN-SCH-02 a bucket record:schema with a lookahead pattern → 400 naming record:schema',
    {
      method: 'PUT',
      path: '/v1/buckets/lookahead',
      json: { data: { 'record:schema': { properties: { f: { type: 'string', pattern: '(?!a)b' } } } } },
    },
    {
      status: 400,
      errno: 107,
      name: 'data.record:schema',
      location: 'body',
      after: notStored('/v1/buckets/lookahead'),
    },
  );
  suite.case(
    'F-KIN-SCH-02 a bucket record:schema with a backreference pattern → 400 naming record:schema',
    {
      method: 'PUT',
      path: '/v1/buckets/backreference',
      json: { data: { 'record:schema': { properties: { f: { type: 'string', pattern: '(a)\\1' } } } } },
    },
    {
      status: 400,
      errno: 107,
      name: 'data.record:schema',
      location: 'body',
      after: notStored('/v1/buckets/backreference'),
    },
  );
});

describe('hostile JSON Schema: expensive keywords and references', () => {
  suite.case(
    'F-KIN-SCH-01 uniqueItems with 8,000 distinct objects → 201',
    record('unique', 'distinct', `{"items":${manyItems(8000, (index) => `{"n":${index},"s":"${index}"}`)}}`),
    { status: 201 },
  );
  suite.case(
    'F-KIN-SCH-01 uniqueItems with 8,000 objects, the last a duplicate → 400 errno 107 naming items',
    record(
      'unique',
      'duplicated',
      `{"items":${manyItems(8000, (index) => `{"n":${index === 7999 ? 0 : index},"s":"${index === 7999 ? 0 : index}"}`)}}`,
    ),
    { status: 400, errno: 107, name: 'items', after: notStored(`${recordsOf('unique')}/duplicated`) },
  );
  suite.case(
    'F-KIN-COL-01 a $ref DAG doubling at each of 40 levels → 400 naming schema (not a hang)',
    collectionWith('dag', doublingDag(40)),
    schemaRefused('dag'),
  );
  suite.case(
    'F-KIN-COL-01 a schema {"$ref": "#"} (a reference to itself) → 400 naming schema',
    collectionWith('self-ref', { $ref: '#' }),
    schemaRefused('self-ref'),
  );
  suite.case(
    'F-KIN-COL-01 a valid schema nested 60 levels deep is accepted → 201, and records validate against it',
    collectionWith('deep-schema', deepSchema(60)),
    {
      status: 201,
      async after({ backend }) {
        await must(backend, 'POST', `${recordsOf('deep-schema')}`, [201], {
          json: { data: { title: 'deep' } },
        });
      },
    },
  );
});
