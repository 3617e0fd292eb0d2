import { createApi } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { batchPlugin, bearer, capturingLogger, mushrooms, steppingClock } from '../testing/fixtures.ts';
import { monitoringPlugin } from './monitoring-plugin.ts';

const ID1 = '6e3a3f5e-8b7d-4a39-9d44-000000000001';
const ID2 = '6e3a3f5e-8b7d-4a39-9d44-000000000002';
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function setup(level: 'info' | 'debug' = 'info') {
  const capture = capturingLogger(level);
  const app = createApi({
    backends: createMemoryBackends(),
    resources: [mushrooms],
    policies: [bearer],
    plugins: [monitoringPlugin({ clock: steppingClock(7), now: () => NOW }), batchPlugin],
    logger: capture.logger,
  });
  const summaries = () => capture.parsed().filter((line) => line.msg === 'request.summary');
  return { app, ...capture, summaries };
}

describe('request summary', () => {
  it('F-TK-LOG one request.summary line per request, with every field', async () => {
    const { app, summaries } = setup();
    const response = await app.request('/v1/mushrooms?_limit=2&_sort=-last_modified', {
      headers: {
        'User-Agent': 'curl/8.0',
        'Accept-Language': 'fr-FR',
        'X-Request-Id': 'req-123',
        Authorization: 'Bearer alice',
      },
    });
    expect(response.status).toBe(200);
    const lines = summaries();
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: 30,
      name: 'kinto',
      agent: 'curl/8.0',
      path: '/v1/mushrooms',
      method: 'GET',
      lang: 'fr-FR',
      rid: 'req-123',
      errno: 0,
      querystring: { _limit: '2', _sort: '-last_modified' },
      uid: 'alice',
      authn_type: 'bearer',
      time: '2024-01-02T03:04:05.678Z',
      code: 200,
    });
    // The stepping clock: one reading before, one after: exactly one step.
    expect(line.t).toBe(7);
    expect(line).not.toHaveProperty('batch_size');
  });

  it('F-TK-LOG an error response logs its errno and status; anonymous requests have no uid', async () => {
    const { app, summaries } = setup();
    const response = await app.request(`/v1/mushrooms/${ID2}`);
    expect(response.status).toBe(404);
    const [line] = summaries();
    expect(line).toMatchObject({ code: 404, errno: 110, agent: null, lang: null, method: 'GET' });
    expect(line).not.toHaveProperty('uid');
    expect(line).not.toHaveProperty('authn_type');
    expect(line).not.toHaveProperty('querystring');
    expect(typeof line?.rid).toBe('string');
  });

  it('F-TK-LOG the request id is on every line logged during the request (error with stack included)', async () => {
    const capture = capturingLogger();
    const app = createApi({
      backends: createMemoryBackends(),
      plugins: [
        monitoringPlugin(),
        {
          name: 'boom',
          routes: (v1) =>
            v1.get('/boom', () => {
              throw new Error('kaput');
            }),
        },
      ],
      logger: capture.logger,
    });
    const response = await app.request('/v1/boom', { headers: { 'X-Request-Id': 'rid-boom' } });
    expect(response.status).toBe(500);
    expect((await response.json()).errno).toBe(999);
    const lines = capture.parsed();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line.rid).toBe('rid-boom');
    const error = lines.find((line) => line.level === 50);
    expect(error).toMatchObject({ path: '/v1/boom', method: 'GET', errno: 999 });
    expect(String((error?.error as { stack?: string } | undefined)?.stack)).toContain('kaput');
    expect(lines.at(-1)).toMatchObject({ msg: 'request.summary', code: 500, errno: 999 });
  });

  it('F-TK-LOG batch subrequests log subrequest.summary with the parent context; the batch logs batch_size', async () => {
    const { app, parsed } = setup();
    const response = await app.request('/v1/batch', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'kinto-http.js',
        'Accept-Language': 'de',
        'X-Request-Id': 'batch-1',
        Authorization: 'Bearer bob',
      },
      body: JSON.stringify({
        requests: [
          { method: 'PUT', path: `/mushrooms/${ID1}`, body: { data: { name: 'cep' } } },
          { method: 'GET', path: `/mushrooms/${ID2}?_fields=name` },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const lines = parsed();
    const subs = lines.filter((line) => line.msg === 'subrequest.summary');
    expect(subs).toHaveLength(2);
    expect(subs[0]).toMatchObject({
      agent: 'kinto-http.js',
      lang: 'de',
      rid: 'batch-1',
      uid: 'bob',
      authn_type: 'bearer',
      path: `/v1/mushrooms/${ID1}`,
      method: 'PUT',
      code: 201,
      errno: 0,
    });
    expect(subs[1]).toMatchObject({ path: `/v1/mushrooms/${ID2}`, method: 'GET', code: 404, errno: 110 });
    expect(subs[1]?.querystring).toEqual({ _fields: 'name' });
    const summaries = lines.filter((line) => line.msg === 'request.summary');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ path: '/v1/batch', method: 'POST', batch_size: 2, code: 200 });
  });

  it('F-TK-LOG at debug level the summary adds headers and bodies, credentials redacted', async () => {
    const { app, summaries } = setup('debug');
    await app.request('/v1/mushrooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer carol' },
      body: JSON.stringify({ data: { name: 'morel' } }),
    });
    const [line] = summaries();
    expect(line?.request_headers).toMatchObject({
      authorization: '[redacted]',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(line?.request_body))).toEqual({ data: { name: 'morel' } });
    expect(line?.response_headers).toMatchObject({ 'content-type': expect.stringContaining('json') });
    expect(JSON.parse(String(line?.response_body)).data.name).toBe('morel');
  });

  it('F-TK-LOG at info level no headers nor bodies are logged', async () => {
    const { app, summaries } = setup('info');
    await app.request('/v1/mushrooms', { method: 'POST', body: JSON.stringify({ data: {} }) });
    const [line] = summaries();
    expect(line).not.toHaveProperty('request_headers');
    expect(line).not.toHaveProperty('response_body');
  });
});
