import { describe, expect, it } from 'vitest';
import { testApp } from './testing.ts';

const ID = '0b9d1f5e-2c3a-4e5f-8a7b-9c0d1e2f3a4b';
const small = {
  body_max_bytes: 2_000,
  body_max_depth: 5,
  body_max_object_keys: 20,
  body_max_array_items: 20,
};

function nestedData(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = { n: value };
  return value;
}

describe('request input limits (settings body_max_*) and what no backend can store', () => {
  it('F-RES-02 a body over body_max_bytes is 413 errno 113 in the error format; nothing is stored', async () => {
    const { call } = testApp({ settings: small });
    const answer = await call('POST', '/v1/mushrooms', { body: { data: { text: 'x'.repeat(3_000) } } });
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({
      code: 413,
      errno: 113,
      error: 'Request Entity Too Large',
      message: 'Request body is larger than 2000 bytes',
    });
    expect((await call('GET', '/v1/mushrooms')).json.data).toEqual([]);
  });

  it('F-RES-02 the default limit is 2 MiB: a 3 MB body is refused, a 1 MB one accepted', async () => {
    const { call } = testApp();
    expect(
      (await call('POST', '/v1/mushrooms', { body: { data: { t: 'x'.repeat(3_000_000) } } })).status,
    ).toBe(413);
    expect(
      (await call('POST', '/v1/mushrooms', { body: { data: { t: 'x'.repeat(1_000_000) } } })).status,
    ).toBe(201);
  });

  it('F-RES-02 nesting, keys per object and items per array beyond the settings are 400 naming the field', async () => {
    const { call } = testApp({ settings: small });
    const deep = await call('PUT', `/v1/mushrooms/${ID}`, { body: { data: nestedData(5) as never } });
    expect(deep.status).toBe(400);
    expect(deep.json.details[0]).toEqual({
      location: 'body',
      name: 'data.n.n.n.n',
      description: 'Nested deeper than 5 levels',
    });
    expect(
      (await call('PUT', `/v1/mushrooms/${ID}`, { body: { data: nestedData(4) as never } })).status,
    ).toBe(201);
    const wide = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, index]));
    const keys = await call('PATCH', `/v1/mushrooms/${ID}`, { body: { data: { wide } } });
    expect(keys.status).toBe(400);
    expect(keys.json.details[0]).toMatchObject({ name: 'data.wide', description: 'More than 20 keys' });
    const items = await call('PUT', `/v1/mushrooms/${ID}`, { body: { data: { list: Array(21).fill(0) } } });
    expect(items.json.details[0]).toMatchObject({ name: 'data.list', description: 'More than 20 items' });
    expect((await call('GET', `/v1/mushrooms/${ID}`)).json.data).toMatchObject(nestedData(4) as object);
  });

  it('F-RES-02 NUL characters and lone surrogates anywhere in a body are 400 naming the field, on every write', async () => {
    const { call } = testApp();
    const raw = (text: string) => ({ body: text, headers: { 'Content-Type': 'application/json' } });
    const nul = await call('POST', '/v1/mushrooms', raw('{"data": {"title": "a\\u0000b"}}'));
    expect(nul.status).toBe(400);
    expect(nul.json).toMatchObject({ errno: 107, details: [{ location: 'body', name: 'data.title' }] });
    const surrogate = await call('PUT', `/v1/mushrooms/${ID}`, raw('{"data": {"tags": ["\\ud800"]}}'));
    expect(surrogate.json.details[0].name).toBe('data.tags.0');
    const key = await call('PUT', `/v1/mushrooms/${ID}`, raw('{"data": {"k\\u0000": 1}}'));
    expect(key.status).toBe(400);
    const principal = await call('PUT', `/v1/mushrooms/${ID}`, {
      ...raw('{"permissions": {"read": ["account:a\\u0000"]}}'),
    });
    expect(principal.json.details[0].name).toBe('permissions.read.0');
    const patch = await call('PATCH', `/v1/mushrooms/${ID}`, {
      body: '[{"op": "add", "path": "/data/x", "value": "\\udfff"}]',
      headers: { 'Content-Type': 'application/json-patch+json' },
    });
    expect(patch.json.details[0].name).toBe('0.value');
    const huge = await call('POST', '/v1/mushrooms', raw('{"data": {"n": 1e400}}'));
    expect(huge.json.details[0]).toMatchObject({ name: 'data.n', description: 'Numbers must be finite' });
    expect((await call('GET', '/v1/mushrooms')).json.data).toEqual([]);
  });

  it('F-FLT-01 F-SORT-01 F-FLD-01 field paths with more than 8 dots are 400 naming the parameter', async () => {
    const { call } = testApp();
    const path = (dots: number) => Array.from({ length: dots + 1 }, (_, index) => `f${index}`).join('.');
    for (const query of [
      `${path(9)}=1`,
      `has_${path(9)}=true`,
      `_sort=-${path(9)}`,
      `_fields=${path(9)}`,
      `${path(1_000)}=1`,
    ]) {
      const answer = await call('GET', `/v1/mushrooms?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.details[0].location).toBe('querystring');
      expect(answer.json.details[0].description).toBe('Field paths may have at most 8 dots');
    }
    expect((await call('GET', `/v1/mushrooms?${path(8)}=1&_sort=${path(8)}&_fields=${path(8)}`)).status).toBe(
      200,
    );
  });

  it('F-SORT-01 more than 16 distinct _sort fields is 400 naming _sort; 16 are fine', async () => {
    const { call } = testApp();
    const fields = (count: number) => Array.from({ length: count }, (_, index) => `f${index}`).join(',');
    const over = await call('GET', `/v1/mushrooms?_sort=${fields(17)}`);
    expect(over.status).toBe(400);
    expect(over.json.details[0]).toMatchObject({ location: 'querystring', name: '_sort' });
    expect((await call('GET', `/v1/mushrooms?_sort=${fields(16)},f0,f1`)).status).toBe(200);
  });

  it('F-URL-01 a NUL character in the URL path is 400, never reaching a backend', async () => {
    const { call } = testApp();
    const answer = await call('GET', '/v1/mushrooms/a%00b/spores');
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      code: 400,
      errno: 107,
      message: 'Invalid URL path.',
      details: [{ location: 'path', name: '', description: 'Invalid URL path.' }],
    });
  });
});
