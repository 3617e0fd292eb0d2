import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { shellApp } from '../app/testing.ts';
import type { ApiEnv } from '../context.ts';
import { DEFAULT_SETTINGS } from '../settings/settings.ts';
import { backoff } from './backoff.ts';

describe('Backoff', () => {
  it('F-OPS-01 absent by default, on every response (errors, redirects) when `backoff` is set', async () => {
    expect((await shellApp().call('GET', '/v1/')).headers.get('Backoff')).toBeNull();
    const { call } = shellApp({ settings: { backoff: 10 } });
    for (const path of ['/v1/', '/v1/unknown', '/buckets', '/v1/%82']) {
      expect((await call('GET', path)).headers.get('Backoff'), path).toBe('10');
    }
    expect((await call('OPTIONS', '/buckets')).headers.get('Backoff')).toBe('10');
  });

  it('F-OPS-01 backoff_percentage 0 never sends it, 100 always does', async () => {
    const never = shellApp({ settings: { backoff: 10, backoff_percentage: 0 } });
    const always = shellApp({ settings: { backoff: 10, backoff_percentage: 100 } });
    for (let i = 0; i < 20; i++) {
      expect((await never.call('GET', '/v1/')).headers.get('Backoff')).toBeNull();
      expect((await always.call('GET', '/v1/')).headers.get('Backoff')).toBe('10');
    }
  });

  it('F-OPS-01 backoff_percentage sends it to that share of responses', async () => {
    const draws = [0.1, 0.49, 0.5, 0.9];
    const app = new Hono<ApiEnv>();
    app.use('*', async (c, next) => {
      c.set('settings', { ...DEFAULT_SETTINGS, backoff: 5, backoff_percentage: 50 });
      await next();
    });
    app.use(
      '*',
      backoff(() => draws.shift() ?? 1),
    );
    app.get('/', (c) => c.json({}));
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push((await app.request('/')).headers.get('Backoff'));
    expect(sent).toEqual(['5', '5', null, null]);
  });
});

describe('end of service', () => {
  const future = '2999-01-01';
  const past = '2000-01-01';

  it('F-OPS-04 before eos, every response carries a soft-eol Alert', async () => {
    const { call } = shellApp({
      settings: { eos: future, eos_message: 'Moving', eos_url: 'https://new.org' },
    });
    for (const path of ['/v1/', '/v1/unknown', '/buckets']) {
      const response = await call('GET', path);
      expect(JSON.parse(response.headers.get('Alert') ?? 'null'), path).toEqual({
        code: 'soft-eol',
        message: 'Moving',
        url: 'https://new.org',
      });
    }
    const hello = await call('GET', '/v1/');
    expect(hello.status).toBe(200);
    expect(hello.json.eos).toBe(future);
  });

  it('F-OPS-04 after eos, every request is 410 errno 202 with a hard-eol Alert (url defaults to project_docs)', async () => {
    const { call } = shellApp({ settings: { eos: past, eos_message: 'Gone for good' } });
    for (const [method, path] of [
      ['GET', '/v1/'],
      ['POST', '/v1/things'],
      ['GET', '/v1/__heartbeat__'],
    ] as const) {
      const response = await call(method, path, { Origin: 'http://a.org' });
      expect(response.status, path).toBe(410);
      expect(response.json).toEqual({
        code: 410,
        errno: 202,
        error: 'Gone',
        message: 'The service you are trying to connect no longer exists at this location.',
      });
      expect(JSON.parse(response.headers.get('Alert') ?? 'null')).toEqual({
        code: 'hard-eol',
        message: 'Gone for good',
        url: 'https://kinto.readthedocs.io/',
      });
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    }
  });

  it('F-OPS-04 no Alert and no eos in hello when eos is not set', async () => {
    const response = await shellApp().call('GET', '/v1/');
    expect(response.headers.get('Alert')).toBeNull();
    expect(response.json).not.toHaveProperty('eos');
  });

  it('F-OPS-04 deprecation alerts left by handlers become the Alert header', async () => {
    const { call } = shellApp({
      extend: (v1) =>
        v1.get('/old', (c) => {
          c.set('alert', { code: 'soft-eol', message: '_to is deprecated', url: '' });
          return c.json({});
        }),
    });
    expect(JSON.parse((await call('GET', '/v1/old')).headers.get('Alert') ?? 'null')).toEqual({
      code: 'soft-eol',
      message: '_to is deprecated',
      url: 'https://kinto.readthedocs.io/',
    });
  });
});
