import { describe, expect, it } from 'vitest';
import { CYCLE, doublingDag, HOSTILE_SCHEMAS, RECURSIVE_SCHEMAS } from '../testing/hostile-schemas.ts';
import { kintoTestApp } from './testing.ts';

describe('JSON-schema validation over HTTP (kinto-resources.md §5, issue 22)', () => {
  it('F-KIN-SCH-01 a catastrophic-backtracking pattern answers 400 errno 107 at once', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    await call('PUT', '/v1/buckets/b');
    await call('PUT', '/v1/buckets/b/collections/c', {
      data: { schema: { type: 'object', properties: { f: { type: 'string', pattern: '^(a+)+$' } } } },
    });
    const answer = await call('POST', '/v1/buckets/b/collections/c/records', {
      data: { f: `${'a'.repeat(40)}b` },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.errno).toBe(107);
    expect(answer.json.details[0]).toEqual({
      location: 'body',
      name: 'f',
      description: `'${'a'.repeat(40)}b' does not match '^(a+)+$'`,
    });
  });

  it('F-KIN-SCH-02 schemas with patterns RE2 cannot run are refused when stored, naming the field', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    const bucket = await call('PUT', '/v1/buckets/b', {
      data: { 'record:schema': { properties: { x: { pattern: '(a)\\1' } } } },
    });
    expect(bucket.status).toBe(400);
    expect(bucket.json.details[0].name).toBe('data.record:schema');
    await call('PUT', '/v1/buckets/b');
    const collection = await call('PUT', '/v1/buckets/b/collections/c', {
      data: { schema: { patternProperties: { '(?=x)': {} } } },
    });
    expect(collection.status).toBe(400);
    expect(collection.json.message).toBe(
      "data.schema in body: patternProperties'(?=x)' is not a 'regex' (unsupported by the linear-time RE2 engine: invalid or unsupported Perl syntax: `(?=`)",
    );
  });

  it('F-KIN-SCH-01 F-KIN-COL-01 F-KIN-BKT-01 schemas looping or exploding on one value are refused when stored', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    await call('PUT', '/v1/buckets/b');
    for (const [name, { schema, description }] of Object.entries(HOSTILE_SCHEMAS)) {
      const collection = await call('PUT', '/v1/buckets/b/collections/c', { data: { schema } });
      expect([name, collection.status, collection.json.errno]).toEqual([name, 400, 107]);
      expect(collection.json.details[0]).toEqual({ location: 'body', name: 'data.schema', description });
      const bucket = await call('PUT', '/v1/buckets/other', { data: { 'record:schema': schema } });
      expect([name, bucket.status, bucket.json.errno]).toEqual([name, 400, 107]);
      expect(bucket.json.details[0]).toEqual({ location: 'body', name: 'data.record:schema', description });
    }
    expect((await call('GET', '/v1/buckets/b/collections/c')).status).toBe(404);
    expect((await call('GET', '/v1/buckets/other')).status).toBe(404);
  });

  it('F-KIN-SCH-01 F-KIN-COL-01 F-KIN-BKT-01 recursive schemas are stored and validate records', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    for (const [index, { schema, valid, invalid }] of Object.values(RECURSIVE_SCHEMAS).entries()) {
      const bucket = await call('PUT', `/v1/buckets/b${index}`, { data: { 'record:schema': schema } });
      expect(bucket.status).toBe(201);
      const collection = await call('PUT', `/v1/buckets/b${index}/collections/c`, { data: { schema } });
      expect(collection.status).toBe(201);
      const records = `/v1/buckets/b${index}/collections/c/records`;
      for (const data of valid) expect((await call('POST', records, { data })).status).toBe(201);
      for (const [data, name] of invalid) {
        const answer = await call('POST', records, { data });
        expect([answer.status, answer.json.errno, answer.json.details[0].name]).toEqual([400, 107, name]);
      }
    }
  });

  it('F-KIN-SCH-01 a hostile schema stored before the check, or an exhausted budget, answers 400 naming schema', async () => {
    const { backends, call } = kintoTestApp({ experimental_collection_schema_validation: true });
    await call('PUT', '/v1/buckets/b');
    await backends.storage.create(
      { resource: 'collection', parent: '/buckets/b' },
      { id: 'old', schema: { $ref: '#' } },
    );
    const cycle = await call('POST', '/v1/buckets/b/collections/old/records', { data: {} });
    expect(cycle.status).toBe(400);
    expect(cycle.json.details[0]).toEqual({ location: 'body', name: 'schema', description: CYCLE });
    // 8,189 evaluations per item (under the static bound), 500 items: past the step budget.
    const schema = {
      definitions: doublingDag(11),
      properties: { list: { items: { $ref: '#/definitions/d11' } } },
    };
    expect((await call('PUT', '/v1/buckets/b/collections/c', { data: { schema } })).status).toBe(201);
    const records = '/v1/buckets/b/collections/c/records';
    expect((await call('POST', records, { data: { list: ['x', 'y'] } })).status).toBe(201);
    const costly = await call('POST', records, { data: { list: Array.from({ length: 500 }, () => 'x') } });
    expect(costly.status).toBe(400);
    expect(costly.json.details[0]).toMatchObject({
      name: 'schema',
      description: expect.stringContaining('step budget'),
    });
  });

  it('F-KIN-SCH-01 F-KIN-SCH-02 the collection schema is checked before the bucket record:schema', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    await call('PUT', '/v1/buckets/b', { data: { 'record:schema': { required: ['fromBucket'] } } });
    await call('PUT', '/v1/buckets/b/collections/c', { data: { schema: { required: ['fromCollection'] } } });
    const answer = await call('POST', '/v1/buckets/b/collections/c/records', { data: {} });
    expect(answer.json.message).toBe("'fromCollection' is a required property");
  });
});
