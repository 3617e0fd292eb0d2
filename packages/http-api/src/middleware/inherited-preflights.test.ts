import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { createApi } from '../app/create-api.ts';
import { methodNotAllowed } from '../errors/http-errors.ts';

function appWithPluginRoute() {
  return createApi({
    backends: createMemoryBackends(),
    plugins: [
      {
        name: 'custom',
        routes(v1) {
          v1.get('/custom/:id', (c) => c.json({ id: c.req.param('id') }));
          v1.post('/custom/:id', (c) => c.json({}, 201));
          v1.all('/custom/:id', () => Promise.reject(methodNotAllowed()));
        },
      },
    ],
  });
}

const preflight = (method: string) => ({
  method: 'OPTIONS',
  headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': method },
});

describe('inherited preflights', () => {
  it('F-CORS-02 a plugin route without its own OPTIONS gets the preflight of its methods', async () => {
    const app = appWithPluginRoute();
    const answer = await app.request('/v1/custom/abc', preflight('POST'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,POST,OPTIONS');
    const refused = await app.request('/v1/custom/abc', preflight('DELETE'));
    expect(refused.status).toBe(400);
    expect((await refused.json()).details[0].name).toBe('Access-Control-Request-Method');
  });

  it('F-CORS-02 other methods and unknown paths are left to the routes', async () => {
    const app = appWithPluginRoute();
    expect((await app.request('/v1/custom/abc', { method: 'PUT' })).status).toBe(405);
    expect((await app.request('/v1/nowhere', preflight('GET'))).status).toBe(404);
  });
});
