import { describe, expect, it } from 'vitest';
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
    expect(bucket.json.details[0].name).toBe('record:schema');
    await call('PUT', '/v1/buckets/b');
    const collection = await call('PUT', '/v1/buckets/b/collections/c', {
      data: { schema: { patternProperties: { '(?=x)': {} } } },
    });
    expect(collection.status).toBe(400);
    expect(collection.json.message).toBe(
      "schema in body: patternProperties'(?=x)' is not a 'regex' (unsupported by the linear-time RE2 engine: invalid or unsupported Perl syntax: `(?=`)",
    );
  });

  it('F-KIN-SCH-01 a $ref cycle or an exhausted budget answers 400 naming schema', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    await call('PUT', '/v1/buckets/b');
    await call('PUT', '/v1/buckets/b/collections/c', { data: { schema: { $ref: '#' } } });
    const cycle = await call('POST', '/v1/buckets/b/collections/c/records', { data: {} });
    expect(cycle.status).toBe(400);
    expect(cycle.json.details[0].name).toBe('schema');
  });

  it('F-KIN-SCH-01 F-KIN-SCH-02 the collection schema is checked before the bucket record:schema', async () => {
    const { call } = kintoTestApp({ experimental_collection_schema_validation: true });
    await call('PUT', '/v1/buckets/b', { data: { 'record:schema': { required: ['fromBucket'] } } });
    await call('PUT', '/v1/buckets/b/collections/c', { data: { schema: { required: ['fromCollection'] } } });
    const answer = await call('POST', '/v1/buckets/b/collections/c/records', { data: {} });
    expect(answer.json.message).toBe("'fromCollection' is a required property");
  });
});
