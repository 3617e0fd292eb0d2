import { describe, expect, it } from 'vitest';
import { mergeDefaults } from './merge-defaults.ts';
import { parseBatchPayload } from './schema.ts';
import { batchApp } from './testing.ts';

const note = (title: string) => ({ method: 'POST', path: '/notes', body: { data: { title } } });

function invalidNames(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    return ((error as { details: { name: string }[] }).details ?? []).map((detail) => detail.name);
  }
  throw new Error('expected a validation error');
}

describe('batch request schema', () => {
  it('F-BATCH-01 each request defaults to GET and keeps its path, headers and body', () => {
    expect(parseBatchPayload({ requests: [{ path: '/' }] })).toEqual([
      { method: 'GET', path: '/', headers: {} },
    ]);
    expect(
      parseBatchPayload({ requests: [{ method: 'PUT', path: '/a', headers: { A: 'b' }, body: { x: [1] } }] }),
    ).toEqual([{ method: 'PUT', path: '/a', headers: { A: 'b' }, body: { x: [1] } }]);
  });

  it('F-BATCH-01 malformed requests are refused with details naming the index and the field', () => {
    expect(invalidNames(() => parseBatchPayload({ requests: [{ path: '/' }, { method: 'GET' }] }))).toEqual([
      'requests.1.path',
    ]);
    expect(invalidNames(() => parseBatchPayload({ requests: [{ path: 'http://localhost' }] }))).toEqual([
      'requests.0.path',
    ]);
    expect(invalidNames(() => parseBatchPayload({ requests: [{ path: '/', method: 'get' }] }))).toEqual([
      'requests.0.method',
    ]);
    expect(invalidNames(() => parseBatchPayload({ requests: [{ path: '/', foo: 42 }] }))).toEqual([
      'requests.0.foo',
    ]);
    expect(
      invalidNames(() => parseBatchPayload({ requests: [{ path: '/', headers: { Accept: 3.14 } }] })),
    ).toEqual(['requests.0.headers.Accept']);
    expect(invalidNames(() => parseBatchPayload({ requests: [{ path: '/', headers: ['a'] }] }))).toEqual([
      'requests.0.headers',
    ]);
    expect(invalidNames(() => parseBatchPayload({ requests: [{ path: '/', body: [1] }] }))).toEqual([
      'requests.0.body',
    ]);
    expect(invalidNames(() => parseBatchPayload({ requests: [42] }))).toEqual(['requests.0']);
    expect(invalidNames(() => parseBatchPayload({ requests: {} }))).toEqual(['requests']);
    expect(invalidNames(() => parseBatchPayload({}))).toEqual(['requests']);
    expect(invalidNames(() => parseBatchPayload({ requests: [], unknown: 1 }))).toEqual(['unknown']);
    expect(invalidNames(() => parseBatchPayload({ requests: [], defaults: 42 }))).toEqual(['defaults']);
    expect(invalidNames(() => parseBatchPayload({ requests: [], defaults: { foo: 'bar' } }))).toEqual([
      'defaults.foo',
    ]);
    expect(invalidNames(() => parseBatchPayload({ requests: [{}], defaults: { path: 'x' } }))).toEqual([
      'defaults.path',
      'requests.0.path',
    ]);
  });

  it('F-BATCH-01 defaults are deep-merged without overriding what each request has', () => {
    const defaults = {
      method: 'POST',
      path: '/notes',
      headers: { Authorization: 'you', Accept: '*/*' },
      body: { data: { a: 1, b: 1 }, permissions: { read: ['x'] } },
    };
    expect(
      mergeDefaults({ path: '/other', headers: { authorization: 'me' }, body: { data: { b: 2 } } }, defaults),
    ).toEqual({
      method: 'POST',
      path: '/other',
      headers: { authorization: 'me', Accept: '*/*' },
      body: { data: { a: 1, b: 2 }, permissions: { read: ['x'] } },
    });
    // A request's non-object value wins over a default object (then fails validation).
    expect(mergeDefaults({ body: 3 }, { body: { a: 1 } })).toEqual({ body: 3 });
    // Defaults supply the method (and the path, optional on defaults).
    expect(parseBatchPayload({ defaults: { path: '/', method: 'HEAD' }, requests: [{}] })).toEqual([
      { method: 'HEAD', path: '/', headers: {} },
    ]);
  });
});

describe('POST /batch request', () => {
  it('F-BATCH-01 defaults apply to every request over HTTP', async () => {
    const { batch, stored } = batchApp();
    const response = await batch({
      defaults: { method: 'POST', path: '/notes', body: { data: { kind: 'memo' } } },
      requests: [{ body: { data: { title: 'a' } } }, { body: { data: { title: 'b', kind: 'todo' } } }],
    });
    expect(response.status).toBe(200);
    const { responses } = await response.json();
    expect(responses.map((r: { status: number }) => r.status)).toEqual([201, 201]);
    const titles = (await stored()).map((n) => `${n.title}:${n.kind}`).sort();
    expect(titles).toEqual(['a:memo', 'b:todo']);
  });

  it('F-BATCH-01 an empty list answers an empty list; no authentication is needed', async () => {
    const { batch } = batchApp({ secured: true });
    const response = await batch({ requests: [] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ responses: [] });
  });

  it('F-BATCH-01 invalid bodies are 400 errno 107 naming the index and field; nothing runs', async () => {
    const { batch, stored } = batchApp();
    const response = await batch({ requests: [note('a'), { method: 'POST', path: 'notes' }] });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code: 400, errno: 107, error: 'Invalid parameters' });
    expect(body.details).toEqual([
      { location: 'body', name: 'requests.1.path', description: 'must be a string starting with /' },
    ]);
    expect(body.message).toBe('requests.1.path in body: must be a string starting with /');
    expect(await stored()).toEqual([]);

    const missing = await (await batch({ requests: [{ method: 'GET' }] })).json();
    expect(missing.details).toEqual([
      { location: 'body', name: 'requests.0.path', description: 'requests.0.path is missing' },
    ]);
    const header = await (await batch({ requests: [{ path: '/', headers: { 'Bad Name': 'x' } }] })).json();
    expect(header.details[0].name).toBe('requests.0.headers.Bad Name');
    expect((await batch({ requests: [note('a')], extra: true })).status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('F-BATCH-01 a subrequest body nested 10,000 levels deep is 400 naming it, never 500; nothing runs', async () => {
    const { batch, stored } = batchApp();
    let deep = '1';
    for (let level = 0; level < 10_000; level++) deep = `{"n": ${deep}}`;
    const text = `{"requests": [${JSON.stringify(note('kept'))}, {"method": "POST", "path": "/notes", "body": {"data": ${deep}}}]}`;
    const response = await batch(text);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code: 400, errno: 107 });
    expect(body.details[0].name).toMatch(/^requests\.1\.body\.data(\.n)+$/);
    expect(body.details[0].description).toBe('Nested deeper than 64 levels');
    expect(await stored()).toEqual([]);
  });

  it('F-BATCH-01 subrequest bodies get the body limits of a direct request, counted from their own root', async () => {
    const { batch, stored } = batchApp({ settings: { body_max_depth: 4 } });
    // 4 levels inside the subrequest body: the batch body itself is 7 deep, which the batch accepts;
    // 5 inside it are refused for the whole batch.
    const fits = await batch({
      requests: [{ method: 'POST', path: '/notes', body: { data: { a: { b: 1 } } } }],
    });
    expect((await fits.json()).responses[0].status).toBe(201);
    const over = await batch({
      requests: [{ method: 'POST', path: '/notes', body: { data: { a: { b: { c: { d: 1 } } } } } }],
    });
    const answer = await over.json();
    expect(over.status).toBe(400);
    expect(answer.details[0]).toMatchObject({
      name: 'requests.0.body.data.a.b.c',
      description: 'Nested deeper than 4 levels',
    });
    expect((await stored()).length).toBe(1);
  });

  it('F-BATCH-01 invalid JSON is 400 errno 107; a non-JSON content type is 415', async () => {
    const { app, batch } = batchApp();
    const broken = await batch('{"requests": [{"path": "/"},]}');
    expect(broken.status).toBe(400);
    expect((await broken.json()).message).toMatch(/Invalid JSON/);
    const text = await app.request('/v1/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ requests: [] }),
    });
    expect(text.status).toBe(415);
    expect((await text.json()).errno).toBe(107);
    expect((await batch('')).status).toBe(400);
  });

  it('F-BATCH-01 more requests than batch_max_requests (default 25) is a 400; 0 means unlimited', async () => {
    const { batch, stored } = batchApp();
    const over = await batch({ requests: Array.from({ length: 26 }, (_, i) => note(`n${i}`)) });
    expect(over.status).toBe(400);
    const body = await over.json();
    expect(body.details).toEqual([
      { location: 'body', name: 'requests', description: 'Number of requests is limited to 25' },
    ]);
    expect(await stored()).toEqual([]);
    expect((await batch({ requests: Array.from({ length: 25 }, () => ({ path: '/' })) })).status).toBe(200);

    const small = batchApp({ settings: { batch_max_requests: 2 } });
    const refused = await small.batch({ requests: [{ path: '/' }, { path: '/' }, { path: '/' }] });
    expect((await refused.json()).message).toBe('Number of requests is limited to 2');
    const unlimited = batchApp({ settings: { batch_max_requests: 0 } });
    const many = await unlimited.batch({ requests: Array.from({ length: 30 }, (_, i) => note(`n${i}`)) });
    expect(many.status).toBe(200);
    expect(await unlimited.stored()).toHaveLength(30);
  });

  it('F-BATCH-01 a subrequest reaching /batch is refused, however it is spelled', async () => {
    const { batch, stored } = batchApp();
    for (const path of ['/batch', '/v1/batch', '/batch/', '/v1/%62atch', '/v1\\batch', '/x/../batch']) {
      const response = await batch({
        requests: [note('first'), { method: 'POST', path, body: { requests: [note('inner')] } }],
      });
      expect(response.status, path).toBe(400);
      const body = await response.json();
      expect(body.details).toEqual([
        {
          location: 'body',
          name: 'requests',
          description: 'Recursive call on /batch endpoint is forbidden.',
        },
      ]);
      expect(body.message).toBe('requests in body: Recursive call on /batch endpoint is forbidden.');
    }
    expect(await stored()).toEqual([]);
  });

  it('F-BATCH-01 only POST is allowed; OPTIONS answers the CORS preflight', async () => {
    const { app } = batchApp();
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const response = await app.request('/v1/batch', { method });
      expect(response.status, method).toBe(405);
      expect((await response.json()).errno).toBe(115);
    }
    const preflight = await app.request('/v1/batch', {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('POST,OPTIONS');
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});
