import { Hono } from 'hono';
import { BUCKET, COLLECTION, RECORDS_PATH } from '../collection.ts';
import { checkBasic } from './auth.ts';
import { nextPageUrl, parseListQuery } from './query.ts';
import { BASE_HEADERS, errorBody, hello, listHeaders } from './responses.ts';
import type { FloorStore, StoredRecord } from './store.ts';

type Env = { Variables: { principal: string } };

const BATCH_MAX = 25;
const RECORDS_SUBPATH = RECORDS_PATH.slice(3);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function created(record: StoredRecord, principal: string) {
  return { data: record, permissions: { write: [principal] } };
}

/**
 * The floor: a bare Hono app doing what this server does for W1..W7 on one collection, with Basic
 * Auth checked against `passwords`, and nothing else (no toolkit, no plugins, no logging).
 */
export function createFloorApp(store: FloorStore, passwords: ReadonlyMap<string, string>) {
  const app = new Hono<Env>();
  app.get('/v1/__heartbeat__', (c) => c.json({}, 200, BASE_HEADERS));
  app.use('/v1/*', async (c, next) => {
    const principal = checkBasic(c.req.header('authorization'), passwords);
    if (principal === undefined) {
      return c.json(
        errorBody(401, 104, 'Unauthorized', 'Please authenticate yourself to use this endpoint.'),
        401,
      );
    }
    c.set('principal', principal);
    await next();
  });
  app.get('/v1/', (c) =>
    c.json(hello(`${new URL(c.req.url).origin}/v1/`, c.get('principal')), 200, BASE_HEADERS),
  );

  const inCollection = (bid: string, cid: string) => bid === BUCKET && cid === COLLECTION;
  const notFound = {
    code: 404,
    errno: 111,
    error: 'Not Found',
    message: 'The resource you are looking for could not be found.',
  };

  app.get('/v1/buckets/:bid/collections/:cid/records/:id', async (c) => {
    const record = inCollection(c.req.param('bid'), c.req.param('cid'))
      ? await store.get(c.req.param('id'))
      : undefined;
    if (record === undefined) return c.json(notFound, 404);
    return c.json(created(record, c.get('principal')), 200, {
      ...BASE_HEADERS,
      etag: `"${record.last_modified}"`,
    });
  });

  app.get('/v1/buckets/:bid/collections/:cid/records', async (c) => {
    if (!inCollection(c.req.param('bid'), c.req.param('cid'))) return c.json(notFound, 404);
    const query = parseListQuery(new URL(c.req.url).searchParams);
    if (query === undefined) return c.json(errorBody(400, 107, 'Invalid parameters', 'Unsupported'), 400);
    const page = await store.list(query);
    const headers = listHeaders(page.timestamp);
    const last = page.records.at(-1);
    if (page.more && last !== undefined) headers['next-page'] = nextPageUrl(c.req.url, last);
    return c.json({ data: page.records }, 200, headers);
  });

  app.post('/v1/buckets/:bid/collections/:cid/records', async (c) => {
    if (!inCollection(c.req.param('bid'), c.req.param('cid'))) return c.json(notFound, 404);
    const body: unknown = await c.req.json();
    if (!isObject(body) || !isObject(body.data))
      return c.json(errorBody(400, 107, 'Invalid parameters', 'data'), 400);
    const [record] = await store.create([body.data]);
    return c.json(created(record!, c.get('principal')), 201, {
      ...BASE_HEADERS,
      etag: `"${record!.last_modified}"`,
    });
  });

  app.post('/v1/batch', async (c) => {
    const body: unknown = await c.req.json();
    if (!isObject(body) || !Array.isArray(body.requests) || body.requests.length > BATCH_MAX) {
      return c.json(errorBody(400, 107, 'Invalid parameters', 'requests'), 400);
    }
    const defaults = isObject(body.defaults) ? body.defaults : {};
    const bodies: Record<string, unknown>[] = [];
    for (const item of body.requests as unknown[]) {
      const request = { ...defaults, ...(isObject(item) ? item : {}) };
      if (request.method !== 'POST' || request.path !== RECORDS_SUBPATH || !isObject(request.body)) {
        return c.json(errorBody(400, 107, 'Invalid parameters', 'Only record creations'), 400);
      }
      const data = (request.body as Record<string, unknown>).data;
      if (!isObject(data)) return c.json(errorBody(400, 107, 'Invalid parameters', 'data'), 400);
      bodies.push(data);
    }
    const records = await store.create(bodies);
    const principal = c.get('principal');
    const responses = records.map((record) => ({
      status: 201,
      path: RECORDS_PATH,
      headers: { ...BASE_HEADERS, 'Content-Type': 'application/json', ETag: `"${record.last_modified}"` },
      body: created(record, principal),
    }));
    return c.json({ responses }, 200, BASE_HEADERS);
  });
  return app;
}
