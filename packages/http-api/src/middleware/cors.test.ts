import { BackendError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { shellApp } from '../app/testing.ts';
import { allowedOrigin } from './cors.ts';

const BASE = ['Alert', 'Backoff', 'Retry-After', 'Content-Length', 'Content-Type'];
const exposed = (headers: Headers) =>
  (headers.get('Access-Control-Expose-Headers') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .sort();

describe('allowed origins', () => {
  it('F-CORS-01 `*` answers `*`, a matching glob echoes the origin, no match answers nothing', () => {
    expect(allowedOrigin('http://evil.org', ['*'])).toBe('*');
    expect(allowedOrigin('https://demo.daybed.io', ['*.daybed.io'])).toBe('https://demo.daybed.io');
    expect(allowedOrigin('https://demo.daybed.io.evil.org', ['*.daybed.io'])).toBeNull();
    expect(allowedOrigin('https://daybedXio', ['https://daybed.io'])).toBeNull();
    expect(allowedOrigin('http://a.org', ['http://?.org'])).toBe('http://a.org');
    expect(allowedOrigin('http://b.org', ['http://[!b].org'])).toBeNull();
    expect(allowedOrigin('http://a.org', ['http://[ab].org'])).toBe('http://a.org');
    expect(allowedOrigin('http://a.org', ['http://b.org', '*'])).toBe('*');
    expect(allowedOrigin(undefined, ['*'])).toBeNull();
  });
});

describe('CORS on every response', () => {
  const app = () =>
    shellApp({
      extend: (v1) => {
        v1.get('/boom', () => {
          throw new Error('x');
        });
        v1.get('/down', () => {
          throw new BackendError();
        });
      },
    });

  it('F-CORS-01 Allow-Origin is set on successes, errors, redirects and unknown URLs', async () => {
    const { call } = app();
    for (const [method, path, status] of [
      ['GET', '/v1/', 200],
      ['GET', '/v1/unknown', 404],
      ['POST', '/v1/__heartbeat__', 405],
      ['GET', '/buckets', 307],
      ['GET', '/v1/__heartbeat__/', 307],
      ['GET', '/v1/boom', 500],
      ['GET', '/v1/down', 503],
      ['GET', '/v1/%82', 400],
      ['GET', '/v2/', 404],
    ] as const) {
      const response = await call(method, path, { Origin: 'http://notmyidea.org' });
      expect(response.status, `${method} ${path}`).toBe(status);
      expect(response.headers.get('Access-Control-Allow-Origin'), `${method} ${path}`).toBe('*');
    }
  });

  it('F-CORS-01 a specific cors_origins entry echoes the matching origin only', async () => {
    const { call } = shellApp({ settings: { cors_origins: ['*.daybed.io'] } });
    const matching = await call('GET', '/v1/unknown', { Origin: 'demo.daybed.io' });
    expect(matching.headers.get('Access-Control-Allow-Origin')).toBe('demo.daybed.io');
    const other = await call('GET', '/v1/unknown', { Origin: 'notmyidea.org' });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await call('GET', '/v1/')).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('F-CORS-01 cors_origins given as one space/comma separated string is split', async () => {
    const { call } = shellApp({ settings: { cors_origins: 'a.org, b.org' as unknown as string[] } });
    expect((await call('GET', '/v1/', { Origin: 'b.org' })).headers.get('Access-Control-Allow-Origin')).toBe(
      'b.org',
    );
  });

  it('F-CORS-03 hello, errors and unknown URLs expose the base headers only', async () => {
    const { call } = shellApp({
      extend: (v1) => {
        v1.get('/listing', (c) => {
          c.set('exposeHeaders', ['Next-Page', 'ETag', 'Alert']);
          return c.json({ data: [] });
        });
        v1.get('/failing', (c) => {
          c.set('exposeHeaders', ['Next-Page']);
          throw new Error('x');
        });
      },
    });
    for (const path of ['/v1/', '/v1/unknown', '/v1/failing']) {
      expect(exposed((await call('GET', path, { Origin: 'lolnet.org' })).headers), path).toEqual(
        [...BASE].sort(),
      );
    }
    const listing = await call('GET', '/v1/listing', { Origin: 'lolnet.org' });
    expect(exposed(listing.headers)).toEqual([...BASE, 'Next-Page', 'ETag'].sort());
  });
});

describe('preflight', () => {
  const preflight = { Origin: 'http://lolnet.org', 'Access-Control-Request-Method': 'GET' };

  it('F-CORS-02 answers methods, supported + requested headers and Max-Age, without exposing headers', async () => {
    const { call } = shellApp();
    const response = await call('OPTIONS', '/v1/__heartbeat__', {
      ...preflight,
      'Access-Control-Request-Headers': 'x-foo,   If-Match ,bar',
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,OPTIONS');
    const allowed = (response.headers.get('Access-Control-Allow-Headers') ?? '').split(',');
    expect(allowed).toEqual(
      expect.arrayContaining(['Authorization', 'Content-Type', 'x-foo', 'bar', 'If-Match']),
    );
    expect(allowed.filter((name) => name.toLowerCase() === 'if-match')).toHaveLength(1);
    expect(response.headers.get('Access-Control-Max-Age')).toBe('3600');
    expect(response.headers.get('Access-Control-Expose-Headers')).toBeNull();
  });

  it('F-CORS-02 Max-Age follows cors_max_age_seconds; null drops it', async () => {
    const custom = await shellApp({ settings: { cors_max_age_seconds: 42 } }).call(
      'OPTIONS',
      '/v1/',
      preflight,
    );
    expect(custom.headers.get('Access-Control-Max-Age')).toBe('42');
    const none = await shellApp({ settings: { cors_max_age_seconds: null } }).call(
      'OPTIONS',
      '/v1/',
      preflight,
    );
    expect(none.status).toBe(200);
    expect(none.headers.get('Access-Control-Max-Age')).toBeNull();
  });

  it('F-CORS-02 Origin and Access-Control-Request-Method are mandatory (400 errno 107)', async () => {
    const { call } = shellApp();
    const neither = await call('OPTIONS', '/v1/');
    expect(neither.status).toBe(400);
    expect(neither.json.errno).toBe(107);
    expect(neither.json.details.map((detail: { name: string }) => detail.name)).toEqual([
      'Access-Control-Request-Method',
      'Origin',
    ]);
    const noMethod = await call('OPTIONS', '/v1/', { Origin: 'http://lolnet.org' });
    expect(noMethod.status).toBe(400);
    expect(noMethod.json.message).toBe('Access-Control-Request-Method in header: this header is mandatory');
    const noOrigin = await call('OPTIONS', '/v1/', { 'Access-Control-Request-Method': 'GET' });
    expect(noOrigin.json.details).toEqual([
      { location: 'header', name: 'Origin', description: 'this header is mandatory' },
    ]);
  });

  it('F-CORS-02 a method the route lacks, or a refused origin, is 400', async () => {
    const { call } = shellApp();
    const post = await call('OPTIONS', '/v1/__heartbeat__', {
      ...preflight,
      'Access-Control-Request-Method': 'POST',
    });
    expect(post.status).toBe(400);
    expect(post.json.errno).toBe(107);
    const strict = shellApp({ settings: { cors_origins: ['notmyidea.org'] } });
    const refused = await strict.call('OPTIONS', '/v1/', preflight);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('F-CORS-02 preflights need no authentication (policies are not consulted)', async () => {
    let consulted = 0;
    const { call } = shellApp({
      policies: [
        {
          name: 'broken',
          authenticate: async () => {
            consulted++;
            throw new BackendError();
          },
        },
      ],
    });
    const response = await call('OPTIONS', '/v1/', { ...preflight, Authorization: 'Basic eDp5' });
    expect(response.status).toBe(200);
    expect(consulted).toBe(0);
  });
});
