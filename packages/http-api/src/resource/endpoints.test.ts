import { describe, expect, it } from 'vitest';
import { mushrooms, testApp } from './testing.ts';

describe('resource endpoints: methods, CORS exposure, cache headers', () => {
  it('F-RES-01 unknown methods are 405 errno 115; HEAD on an object answers as GET, without a body', async () => {
    const { call } = testApp();
    const put = await call('PUT', '/v1/mushrooms', { body: { data: {} } });
    expect(put.status).toBe(405);
    expect(put.json.errno).toBe(115);
    const missing = await call('HEAD', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-ffffffffffff');
    expect(missing.status).toBe(404);
    expect(missing.json).toBeUndefined();
    const created = (await call('POST', '/v1/mushrooms', { body: { data: { a: 1 } } })).json.data;
    const head = await call('HEAD', `/v1/mushrooms/${created.id}`);
    expect(head.status).toBe(200);
    expect(head.json).toBeUndefined();
    expect(head.headers.get('ETag')).toBe(`"${created.last_modified}"`);
    expect((await call('POST', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-ffffffffffff')).status).toBe(405);
  });

  it('F-RES-01 a method disabled by {endpoint}_{resource}_{method}_enabled answers 405', async () => {
    const { call } = testApp({ settings: { plural_mushroom_post_enabled: false } });
    expect((await call('POST', '/v1/mushrooms', { body: { data: {} } })).status).toBe(405);
    expect((await call('GET', '/v1/mushrooms')).status).toBe(200);
  });

  it('F-CORS-03 GET plural, HEAD plural and GET object expose their headers', async () => {
    const { call } = testApp();
    const a = (await call('POST', '/v1/mushrooms', { body: { data: {} } })).json.data;
    const origin = { Origin: 'https://app.example' };
    const exposed = async (method: string, path: string) =>
      ((await call(method, path, { headers: origin })).headers.get('Access-Control-Expose-Headers') ?? '')
        .split(',')
        .map((header) => header.trim());
    expect(await exposed('GET', '/v1/mushrooms')).toEqual(
      expect.arrayContaining(['Next-Page', 'ETag', 'Backoff']),
    );
    expect(await exposed('HEAD', '/v1/mushrooms')).toEqual(
      expect.arrayContaining(['Total-Objects', 'Total-Records']),
    );
    expect(await exposed('GET', `/v1/mushrooms/${a.id}`)).toEqual(
      expect.arrayContaining(['ETag', 'Last-Modified']),
    );
    expect(await exposed('GET', `/v1/mushrooms/${a.id}`)).not.toContain('Next-Page');
  });

  it('F-CORS-02 resource endpoints answer preflights with their methods', async () => {
    const { app } = testApp();
    const response = await app.request('/v1/mushrooms', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it('F-CACHE-01 anonymous GETs get max-age from <resource>_cache_expires_seconds, others no-cache', async () => {
    const { call } = testApp({ settings: { mushroom_cache_expires_seconds: 30 } });
    const anonymous = await call('GET', '/v1/mushrooms');
    expect(anonymous.headers.get('Cache-Control')).toBe('max-age=30');
    expect(anonymous.headers.get('Expires')).not.toBeNull();
    const authenticated = await call('GET', '/v1/mushrooms', { user: 'alice' });
    expect(authenticated.headers.get('Cache-Control')).toBe('no-cache, no-store');
    const { call: plain } = testApp();
    expect((await plain('GET', '/v1/mushrooms')).headers.get('Cache-Control')).toBe('no-cache, no-store');
  });

  it('F-CACHE-02 a lifetime of 0 gives the no-cache family; a cacheExpires hook overrides the setting', async () => {
    const { call } = testApp({ settings: { mushroom_cache_expires_seconds: 0 } });
    const zero = await call('GET', '/v1/mushrooms');
    expect(zero.headers.get('Cache-Control')).toBe('max-age=0, must-revalidate, no-cache, no-store');
    expect(zero.headers.get('Pragma')).toBe('no-cache');
    expect(zero.headers.get('Expires')).not.toBeNull();
    const hooked = testApp({
      settings: { mushroom_cache_expires_seconds: 5 },
      resources: [{ ...mushrooms, cacheExpires: ({ configured }) => Math.max(configured ?? -1, 60) }],
    });
    expect((await hooked.call('GET', '/v1/mushrooms')).headers.get('Cache-Control')).toBe('max-age=60');
  });

  it('F-CACHE-01 the cacheExpires hook is asked for anonymous GETs only (authenticated ones are never cached)', async () => {
    let asked = 0;
    const cacheExpires = () => {
      asked += 1;
      return 60;
    };
    const { call } = testApp({ resources: [{ ...mushrooms, cacheExpires }] });
    const authenticated = await call('GET', '/v1/mushrooms', { user: 'alice' });
    expect(authenticated.headers.get('Cache-Control')).toBe('no-cache, no-store');
    expect(asked).toBe(0);
    expect((await call('GET', '/v1/mushrooms')).headers.get('Cache-Control')).toBe('max-age=60');
    expect(asked).toBe(1);
  });
});
