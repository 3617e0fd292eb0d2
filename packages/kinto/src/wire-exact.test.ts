import { createJsonLogger } from '@core/monitoring';
import { describe, expect, it } from 'vitest';
import { basic } from '../test/e2e/helpers.ts';
import { kintoInProcess } from './testing/kinto-in-process.ts';

// Differences with Kinto 26 seen from real clients (issue 13): each answer is Kinto's, byte for byte
// where clients or users can see it.

const alice = basic('alice', 'alice-password');

async function kinto() {
  const kinto = await kintoInProcess();
  await kinto.call('PUT', '/v1/accounts/alice', { body: { data: { password: 'alice-password' } } });
  return kinto;
}

describe('Kinto wire details', () => {
  it('F-ID-02 an invalid object id answers "path: Invalid object id" with no parameter name', async () => {
    const { call } = await kinto();
    const attempts = [
      await call('PUT', '/v1/accounts/bad%20id', { body: { data: { password: 'x' } } }),
      await call('PUT', '/v1/buckets/bad.id', { auth: alice }),
      await call('POST', '/v1/buckets', { body: { data: { id: 'bad id' } }, auth: alice }),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({
        code: 400,
        errno: 107,
        error: 'Invalid parameters',
        message: 'path: Invalid object id',
        details: [{ location: 'path', name: null, description: 'Invalid object id' }],
      });
    }
  });

  it('F-KIN-ACC-02 anonymous GET /accounts answers 401 "Cannot read accounts.", errno 999, no message', async () => {
    const { call } = await kinto();
    for (const method of ['GET', 'DELETE']) {
      const answer = await call(method, '/v1/accounts');
      expect(answer.status, method).toBe(401);
      expect(answer.json, method).toEqual({ code: 401, errno: 999, error: 'Cannot read accounts.' });
    }
    expect((await call('GET', '/v1/accounts', { auth: alice })).status).toBe(200);
  });

  it('F-KIN-SCH-02 F-KIN-COL-01 metadata validation errors name the field with its data. prefix', async () => {
    const { call } = await kinto();
    const bucket = await call('PUT', '/v1/buckets/b', {
      body: { data: { 'record:schema': { type: 'objet' } } },
      auth: alice,
    });
    expect(bucket.status).toBe(400);
    expect(bucket.json.details[0]).toMatchObject({ location: 'body', name: 'data.record:schema' });
    expect(bucket.json.message).toMatch(/^data\.record:schema in body: /);
    await call('PUT', '/v1/buckets/b', { auth: alice });
    const cases: [unknown, string][] = [
      [{ schema: 'x' }, 'data.schema'],
      [{ schema: true }, 'data.schema'],
      [{ schema: { type: 'object', required: 'title' } }, 'data.schema'],
      [{ cache_expires: 'x' }, 'data.cache_expires'],
      [{ cache_expires: 1.5 }, 'data.cache_expires'],
    ];
    for (const [data, name] of cases) {
      const answer = await call('PUT', '/v1/buckets/b/collections/c', { body: { data }, auth: alice });
      expect(answer.status, JSON.stringify(data)).toBe(400);
      expect(answer.json.details[0].name, JSON.stringify(data)).toBe(name);
    }
    const notMapping = await call('PUT', '/v1/buckets/b/collections/c', {
      body: { data: { schema: 'x' } },
      auth: alice,
    });
    expect(notMapping.json.message).toBe(
      'data.schema in body: "x" is not a mapping type: Does not implement dict-like functionality.',
    );
    const notNumber = await call('PUT', '/v1/buckets/b/collections/c', {
      body: { data: { cache_expires: 'x' } },
      auth: alice,
    });
    expect(notNumber.json.message).toBe('data.cache_expires in body: "x" is not a number');
  });

  it("F-TS-05 a 412 carries the current object's ETag and Last-Modified", async () => {
    const { send } = await kinto();
    const created = await send('/v1/buckets/b', { method: 'PUT', headers: { Authorization: alice } });
    const etag = created.headers.get('ETag');
    const failed = await send('/v1/buckets/b', {
      method: 'PUT',
      headers: { Authorization: alice, 'If-Match': '"1"', 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: {} }),
    });
    expect(failed.status).toBe(412);
    expect(failed.headers.get('ETag')).toBe(etag);
    expect(failed.headers.get('Last-Modified')).toBe(created.headers.get('Last-Modified'));
    expect((await failed.json()).details.existing.id).toBe('b');
  });

  it('F-MTH-05 a 404 on an object or a missing parent has code, errno, error and details only', async () => {
    const { call } = await kinto();
    await call('PUT', '/v1/buckets/b', { auth: alice });
    const object = await call('GET', '/v1/buckets/b/collections/nope', { auth: alice });
    expect(object.status).toBe(404);
    expect(object.json).toEqual({
      code: 404,
      errno: 110,
      error: 'Not Found',
      details: { id: 'nope', resource_name: 'collection' },
    });
    const parent = await call('GET', '/v1/buckets/b/collections/nope/records', { auth: alice });
    expect(parent.json).toEqual({
      code: 404,
      errno: 111,
      error: 'Not Found',
      details: { id: 'nope', resource_name: 'collection' },
    });
    const unknownUrl = await call('GET', '/v1/nothing-here', { auth: alice });
    expect(unknownUrl.json.message).toBe('The resource you are looking for could not be found.');
  });

  it('F-RES-02 406 and 415 are "Invalid parameters" naming the header', async () => {
    const { send } = await kinto();
    const notAcceptable = await send('/v1/buckets', {
      headers: { Authorization: alice, Accept: 'text/html' },
    });
    expect(notAcceptable.status).toBe(406);
    expect(await notAcceptable.json()).toEqual({
      code: 406,
      errno: 107,
      error: 'Invalid parameters',
      message: "Accept header should be one of ['application/json']",
      details: [
        {
          location: 'header',
          name: 'Accept',
          description: "Accept header should be one of ['application/json']",
        },
      ],
    });
    const unsupported = await send('/v1/buckets', {
      method: 'POST',
      headers: { Authorization: alice, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(unsupported.status).toBe(415);
    const body = await unsupported.json();
    expect(body).toMatchObject({ errno: 107, error: 'Invalid parameters' });
    expect(body.details).toEqual([
      {
        location: 'header',
        name: 'Content-Type',
        description: "Content-Type header should be one of ['application/json']",
      },
    ]);
  });

  it('F-URL-02 an unprefixed path is redirected before content negotiation', async () => {
    const { send } = await kinto();
    const answer = await send('/__heartbeat__', { headers: { Accept: 'text/plain' } });
    expect(answer.status).toBe(307);
    expect(answer.headers.get('Location')).toBe('/v1/__heartbeat__');
  });

  it('F-TK-LOG a request to /buckets/default logs one summary line, for the path asked', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createJsonLogger({ write: (line) => lines.push(JSON.parse(line)) });
    const { call } = await kintoInProcess({ settings: {}, logger });
    await call('PUT', '/v1/accounts/alice', { body: { data: { password: 'alice-password' } } });
    lines.length = 0;
    const answer = await call('GET', '/v1/buckets/default/collections', { auth: alice });
    expect(answer.status).toBe(200);
    const summaries = lines.filter((line) => String(line.msg).endsWith('summary'));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ msg: 'request.summary', path: '/v1/buckets/default/collections' });
    expect(summaries[0]).not.toHaveProperty('batch_size');
  });

  it('F-KIN-ACC-01 creating an account answers its own principal as writer, by PUT or POST', async () => {
    const { call } = await kinto();
    const put = await call('PUT', '/v1/accounts/bob', { body: { data: { password: 'bob-password' } } });
    expect(put.status).toBe(201);
    expect(put.json.permissions).toEqual({ write: ['account:bob'] });
    const post = await call('POST', '/v1/accounts', {
      body: { data: { id: 'carol', password: 'carol-pw' } },
    });
    expect(post.status).toBe(201);
    expect(post.json.permissions).toEqual({ write: ['account:carol'] });
  });

  it('F-MTH-05 HEAD on an object answers 200 with its headers and no body', async () => {
    const { send } = await kinto();
    const created = await send('/v1/buckets/b', { method: 'PUT', headers: { Authorization: alice } });
    const head = await send('/v1/buckets/b', { method: 'HEAD', headers: { Authorization: alice } });
    expect(head.status).toBe(200);
    expect(head.headers.get('ETag')).toBe(created.headers.get('ETag'));
    expect(head.headers.get('Last-Modified')).toBe(created.headers.get('Last-Modified'));
    expect(await head.text()).toBe('');
  });
});
