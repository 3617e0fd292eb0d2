import type { AuthenticationContext, AuthenticationPolicy, CoreEvent } from '@core/contracts';
import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { batchPlugin } from './batch-plugin.ts';
import { batchApp, bearerPolicy, echoPlugin } from './testing.ts';

interface Sub {
  status: number;
  path: string;
}

/** The subresponses of a successful batch (bodies as parsed JSON). */
async function responsesOf(response: Response) {
  expect(response.status).toBe(200);
  const { responses } = await response.json();
  return responses;
}

const summary = (events: CoreEvent[]) =>
  events.map((event) => {
    const { type, payload } = event as { type: string; payload: { resource_name: string; action: string } };
    const impacted = (event as { impacted_objects?: unknown[] }).impacted_objects?.length;
    return `${type} ${payload.resource_name} ${payload.action} ${impacted}`;
  });

describe('batch subrequest execution', () => {
  it('F-BATCH-02 paths get the version prefix unless they have one; a foreign version is 404 errno 116', async () => {
    const { batch } = batchApp();
    const responses = await responsesOf(
      await batch({
        requests: [{ path: '/notes' }, { path: '/v1/notes' }, { path: '/' }, { path: '/v0/notes' }],
      }),
    );
    expect(responses.map((r: Sub) => [r.status, r.path])).toEqual([
      [200, '/v1/notes'],
      [200, '/v1/notes'],
      [200, '/v1/'],
      [404, '/v0/notes'],
    ]);
    expect(responses[2]?.body.url).toMatch(/\/v1\/$/);
    expect(responses[3]?.body.errno).toBe(116);
  });

  it('F-BATCH-02 query strings reach the subrequest; the reported path is percent-decoded, without them', async () => {
    const { batch } = batchApp();
    const [echo] = await responsesOf(await batch({ requests: [{ path: '/echo?param=©&x=1' }] }));
    expect(echo?.body.query).toEqual({ param: '©', x: '1' });
    expect(echo?.path).toBe('/v1/echo');
    const [tag] = await responsesOf(
      await batch({ requests: [{ method: 'PUT', path: '/notes/n%C3%A9/tags/t1', body: { data: {} } }] }),
    );
    expect(tag?.path).toBe('/v1/notes/né/tags/t1');
  });

  it('F-BATCH-02 subrequests inherit the batch headers, their own headers win', async () => {
    const { batch } = batchApp();
    const [plain, own] = await responsesOf(
      await batch(
        {
          requests: [
            { path: '/echo' },
            { path: '/echo', headers: { 'X-Custom': 'own', 'response-behavior': 'diff' } },
          ],
        },
        { 'X-Custom': 'batch', 'Response-Behavior': 'light', 'X-Request-Id': 'batch-42' },
      ),
    );
    expect(plain?.body.headers['x-custom']).toBe('batch');
    expect(plain?.body.headers['response-behavior']).toBe('light');
    expect(plain?.body.headers['content-length']).toBeUndefined();
    expect(own?.body.headers['x-custom']).toBe('own');
    expect(own?.body.headers['response-behavior']).toBe('diff');
    expect([plain?.body.requestId, own?.body.requestId]).toEqual(['batch-42', 'batch-42']);
  });

  it('F-BATCH-02 bodies are sent as JSON with charset utf-8 unless the subrequest sets its own type', async () => {
    const { batch } = batchApp();
    const [json, merge, get] = await responsesOf(
      await batch({
        defaults: { path: '/echo', method: 'POST', body: { emoji: '😂' } },
        requests: [
          {},
          { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' } },
          { method: 'GET' },
        ],
      }),
    );
    expect(json?.body.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json?.body.body)).toEqual({ emoji: '😂' });
    expect(merge?.body.headers['content-type']).toBe('application/merge-patch+json');
    // GET cannot carry a body: a default body is dropped, not an error.
    expect([get?.status, get?.body.method, get?.body.body]).toEqual([200, 'GET', '']);
  });

  it('F-BATCH-02 Authorization is inherited: subrequests run as the batch caller, or as their own', async () => {
    const { batch, stored, events } = batchApp({ secured: true });
    const create = (title: string, headers?: Record<string, string>) => ({
      method: 'POST',
      path: '/notes',
      body: { data: { title } },
      ...(headers ? { headers } : {}),
    });
    const responses = await responsesOf(
      await batch(
        {
          requests: [
            create('by alice'),
            create('by bob', { Authorization: 'Bearer bob' }),
            create('by nobody', { Authorization: 'Basic junk' }),
            { path: '/echo' },
          ],
        },
        { Authorization: 'Bearer alice' },
      ),
    );
    expect(responses.map((r: Sub) => r.status)).toEqual([201, 403, 401, 200]);
    expect(responses[2]?.headers['WWW-Authenticate']).toBe('Bearer realm="test"');
    expect(responses[3]?.body.caller).toBe('test:alice');
    expect((await stored()).map((note) => note.title)).toEqual(['by alice']);
    const changed = events.find((event) => event.type === 'AfterResourceChanged') as {
      payload: { user_id: string };
    };
    expect(changed.payload.user_id).toBe('test:alice');

    const anonymous = await responsesOf(await batch({ requests: [create('anonymous'), { path: '/notes' }] }));
    expect(anonymous.map((r: Sub) => r.status)).toEqual([401, 200]);
  });

  it("F-BATCH-02 subrequests with their own Authorization are authenticated with the batch request's client address", async () => {
    const seen: { authorization: string | null; context: AuthenticationContext | undefined }[] = [];
    const spy: AuthenticationPolicy = {
      name: 'test',
      async authenticate(request, context) {
        seen.push({ authorization: request.headers.get('Authorization'), context });
        return bearerPolicy.authenticate(request, context);
      },
    };
    const app = createApi({
      backends: createMemoryBackends(),
      policies: [spy],
      plugins: [batchPlugin(), echoPlugin],
      clientAddress: (c) => c.req.header('X-Test-Peer'),
    });
    const response = await app.request('/v1/batch', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer alice',
        'X-Test-Peer': '192.0.2.9',
      },
      body: JSON.stringify({
        requests: [{ path: '/echo' }, { path: '/echo', headers: { Authorization: 'Bearer bob' } }],
      }),
    });
    const responses = await responsesOf(response);
    expect(responses.map((r: { body: { caller: string } }) => r.body.caller)).toEqual([
      'test:alice',
      'test:bob',
    ]);
    expect(seen).toEqual([
      { authorization: 'Bearer alice', context: { clientAddress: '192.0.2.9' } },
      { authorization: 'Bearer bob', context: { clientAddress: '192.0.2.9' } },
    ]);
  });

  it('F-BATCH-02 subrequests run in order and see the writes of the earlier ones', async () => {
    const { batch } = batchApp();
    const responses = await responsesOf(
      await batch({
        requests: [
          { method: 'PUT', path: '/notes/n1/tags/a', body: { data: { n: 1 } } },
          { method: 'PATCH', path: '/notes/n1/tags/a', body: { data: { n: 2 } } },
          { path: '/notes/n1/tags/a' },
          { method: 'DELETE', path: '/notes/n1/tags/a' },
          { path: '/notes/n1/tags' },
        ],
      }),
    );
    expect(responses.map((r: Sub) => r.status)).toEqual([201, 200, 200, 200, 200]);
    expect(responses[2]?.body.data.n).toBe(2);
    expect(responses[4]?.body.data).toEqual([]);
  });

  it('F-BATCH-02 the events of all subrequests are merged per resource, parent and action, delivered once', async () => {
    const { batch, events } = batchApp();
    const put = (parent: string, id: string) => ({
      method: 'PUT',
      path: `/notes/${parent}/tags/${id}`,
      body: { data: {} },
    });
    await responsesOf(
      await batch({
        requests: [
          { method: 'POST', path: '/notes', body: { data: { title: 'a' } } },
          put('n1', 'x'),
          { method: 'POST', path: '/notes', body: { data: { title: 'b' } } },
          put('n1', 'y'),
          put('n2', 'x'),
          { method: 'POST', path: '/notes', body: { data: { title: 'c' } } },
          { method: 'DELETE', path: '/notes/n1/tags/x' },
        ],
      }),
    );
    expect(summary(events)).toEqual([
      'ResourceChanged note create 3',
      'ResourceChanged tag create 2',
      'ResourceChanged tag create 1',
      'ResourceChanged tag delete 1',
      'AfterResourceChanged note create 3',
      'AfterResourceChanged tag create 2',
      'AfterResourceChanged tag create 1',
      'AfterResourceChanged tag delete 1',
    ]);
  });

  it('F-BATCH-02 read-only mode: subrequest writes are refused with 405, reads still work', async () => {
    const { batch, stored } = batchApp({ settings: { readonly: true } });
    const responses = await responsesOf(
      await batch({
        requests: [
          { path: '/notes' },
          { method: 'POST', path: '/notes', body: { data: { title: 'no' } } },
          { method: 'DELETE', path: '/notes' },
          { method: 'HEAD', path: '/notes' },
        ],
      }),
    );
    expect(responses.map((r: Sub) => r.status)).toEqual([200, 405, 405, 200]);
    expect(responses[1]?.body.errno).toBe(115);
    expect(await stored()).toEqual([]);
  });

  it('F-BATCH-02 redirects (trailing slash) are followed, bodies included', async () => {
    const { batch } = batchApp();
    const [list, put] = await responsesOf(
      await batch({
        requests: [
          { path: '/notes/' },
          { method: 'PUT', path: '/notes/n1/tags/t/', body: { data: { a: 1 } } },
        ],
      }),
    );
    expect([list?.status, list?.path, list?.body]).toEqual([200, '/v1/notes', { data: [] }]);
    expect([put?.status, put?.path, put?.body.data.a]).toEqual([201, '/v1/notes/n1/tags/t', 1]);
  });

  it('F-BATCH-02 TRACE is a 405 subresponse', async () => {
    const { batch } = batchApp();
    const [trace] = await responsesOf(await batch({ requests: [{ method: 'TRACE', path: '/notes' }] }));
    expect([trace?.status, trace?.body.errno]).toEqual([405, 115]);
  });
});
