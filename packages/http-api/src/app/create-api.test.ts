import { BackendError, IntegrityError, ObjectNotFoundError, ReadonlyError } from '@core/contracts';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { backendUnavailable } from '../errors/http-errors.ts';
import { recordingLogger, shellApp } from './testing.ts';

const NOT_FOUND = {
  code: 404,
  errno: 111,
  error: 'Not Found',
  message: 'The resource you are looking for could not be found.',
};

describe('versioning and URLs', () => {
  it('F-URL-01 serves the API under /v{major of http_api_version}', async () => {
    const { call } = shellApp();
    expect((await call('GET', '/v1/')).json.http_api_version).toBe('1.23');
    const v2 = shellApp({ settings: { http_api_version: '2.4' } });
    const hello = await v2.call('GET', '/v2/');
    expect(hello.status).toBe(200);
    expect(hello.json.url).toBe('http://localhost/v2/');
    expect((await v2.call('GET', '/v1/')).json.errno).toBe(116);
  });

  it('F-URL-02 redirects unprefixed paths to /v1 with their query string, without cache headers by default', async () => {
    const { call } = shellApp();
    const response = await call('GET', '/buckets/b?_limit=2&a=%C3%A9');
    expect(response.status).toBe(307);
    expect(response.headers.get('Location')).toBe('/v1/buckets/b?_limit=2&a=%C3%A9');
    expect(response.headers.get('Cache-Control')).toBeNull();
    expect((await call('GET', '/')).headers.get('Location')).toBe('/v1/');
  });

  it('F-URL-02 version redirects carry cache headers when version_prefix_redirect_ttl_seconds >= 0', async () => {
    const { call } = shellApp({ settings: { version_prefix_redirect_ttl_seconds: 60 } });
    const before = Date.now();
    const response = await call('GET', '/buckets');
    expect(response.headers.get('Cache-Control')).toBe('max-age=60');
    const expires = Date.parse(response.headers.get('Expires') ?? '');
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 59_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 61_000);
  });

  it('F-URL-02 OPTIONS on an unprefixed path is an empty 200 with CORS headers', async () => {
    const { call } = shellApp();
    const response = await call('OPTIONS', '/buckets', { Origin: 'http://a.org' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(response.headers.get('Location')).toBeNull();
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('F-URL-02 version_prefix_redirect_enabled=false answers 404 errno 116 instead', async () => {
    const { call } = shellApp({ settings: { version_prefix_redirect_enabled: false } });
    const response = await call('GET', '/buckets');
    expect(response.status).toBe(404);
    expect(response.json.errno).toBe(116);
  });

  it('F-URL-03 a foreign version prefix is 404 errno 116', async () => {
    const { call } = shellApp();
    for (const path of ['/v2/buckets', '/v0/', '/v12']) {
      const response = await call('GET', path);
      expect(response.status, path).toBe(404);
      expect(response.json).toEqual({
        code: 404,
        errno: 116,
        error: 'Not Found',
        message: 'The requested API version is not available on this server.',
      });
    }
  });

  it('F-URL-04 a trailing slash redirects to the stripped path, query kept, cached for the TTL', async () => {
    const { call } = shellApp();
    const response = await call('GET', '/v1/__heartbeat__//?a=1');
    expect(response.status).toBe(307);
    expect(response.headers.get('Location')).toBe('/v1/__heartbeat__?a=1');
    expect(response.headers.get('Cache-Control')).toBe('max-age=3600');
    expect(response.headers.get('Expires')).not.toBeNull();
    const root = await call('GET', '/v1?x=y');
    expect(root.status).toBe(307);
    expect(root.headers.get('Location')).toBe('/v1/?x=y');
  });

  it('F-URL-04 only applies when the route is otherwise not found; TTL < 0 drops cache headers', async () => {
    const { call } = shellApp({
      settings: { trailing_slash_redirect_ttl_seconds: -1 },
      extend: (v1) => {
        v1.get('/slashy/', (c) => c.json({ ok: true }));
      },
    });
    expect((await call('GET', '/v1/slashy/')).json).toEqual({ ok: true });
    const redirect = await call('GET', '/v1/anything/');
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('Cache-Control')).toBeNull();
    expect(redirect.headers.get('Expires')).toBeNull();
  });

  it('F-URL-04 trailing_slash_redirect_enabled=false answers 404 errno 111', async () => {
    const { call } = shellApp({ settings: { trailing_slash_redirect_enabled: false } });
    expect((await call('GET', '/v1/__heartbeat__/')).json).toEqual(NOT_FOUND);
    expect((await call('GET', '/v1')).status).toBe(404);
  });

  it('F-URL-05 an unknown URL is the JSON 404 errno 111', async () => {
    const { call } = shellApp();
    const response = await call('GET', '/v1/unknown');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.json).toEqual(NOT_FOUND);
    expect((await call('DELETE', '/v1/unknown/deeper')).json).toEqual(NOT_FOUND);
  });

  it('F-URL-05 a path that is not UTF-8 once decoded is 400 errno 107 "Invalid URL path."', async () => {
    const { call } = shellApp();
    const response = await call('GET', '/v1/%82%AC');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      code: 400,
      errno: 107,
      error: 'Bad Request',
      message: 'Invalid URL path.',
    });
    // Valid UTF-8 and lone percent signs are fine.
    expect((await call('GET', '/v1/%C3%A9')).status).toBe(404);
    expect((await call('GET', '/v1/%zz')).status).toBe(404);
  });

  it('F-URL-05 a query string that is not UTF-8 is 400 errno 107', async () => {
    const { call } = shellApp();
    const response = await call('GET', '/v1/?name=%E9t%E9');
    expect(response.status).toBe(400);
    expect(response.json.errno).toBe(107);
    expect(response.json.error).toBe('Bad Request');
    expect((await call('GET', '/v1/?name=%C3%A9t%C3%A9')).status).toBe(200);
  });
});

describe('methods', () => {
  it('F-RES-01 utility endpoints answer 405 errno 115 to other methods', async () => {
    const { call } = shellApp();
    for (const [method, path] of [
      ['POST', '/v1/'],
      ['PUT', '/v1/__heartbeat__'],
      ['DELETE', '/v1/__lbheartbeat__'],
      ['PATCH', '/v1/__version__'],
      ['POST', '/v1/__api__'],
      ['DELETE', '/v1/contribute.json'],
    ] as const) {
      const response = await call(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.json).toEqual({
        code: 405,
        errno: 115,
        error: 'Method Not Allowed',
        message: 'Method not allowed on this endpoint.',
      });
    }
  });

  it('F-RES-04 read-only mode refuses every non GET/HEAD/OPTIONS method on any URL', async () => {
    let posted = 0;
    const { call } = shellApp({
      settings: { readonly: true },
      extend: (v1) => {
        v1.post('/things', (c) => {
          posted++;
          return c.json({}, 201);
        });
        v1.post('/batch', (c) => c.json({ responses: [] }));
      },
    });
    for (const [method, path] of [
      ['POST', '/v1/things'],
      ['PUT', '/v1/unknown'],
      ['DELETE', '/buckets'],
      ['PATCH', '/v1/'],
    ] as const) {
      const response = await call(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.json.errno).toBe(115);
    }
    expect(posted).toBe(0);
    expect((await call('GET', '/v1/')).status).toBe(200);
    expect((await call('HEAD', '/v1/')).status).toBe(200);
    // The batch endpoint checks its subrequests itself.
    expect((await call('POST', '/v1/batch')).status).toBe(200);
  });

  it('F-RES-04 without read-only mode writes reach the routes', async () => {
    const { call } = shellApp({ extend: (v1) => v1.post('/things', (c) => c.json({}, 201)) });
    expect((await call('POST', '/v1/things')).status).toBe(201);
  });
});

describe('content negotiation and security headers', () => {
  it('F-RES-02 406 errno 107 when Accept excludes JSON', async () => {
    const { call } = shellApp();
    for (const accept of ['text/html', 'application/json;q=0', 'text/*, image/png']) {
      const response = await call('GET', '/v1/', { Accept: accept });
      expect(response.status, accept).toBe(406);
      expect(response.json).toEqual({
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
    }
  });

  it('F-RES-02 absent, */*, application/* and weighted JSON Accept headers are fine', async () => {
    const { call } = shellApp();
    for (const accept of [
      undefined,
      '*/*',
      'application/*',
      'text/html, application/json;q=0.5',
      'APPLICATION/JSON',
    ]) {
      const response = await call('GET', '/v1/', accept === undefined ? {} : { Accept: accept });
      expect(response.status, String(accept)).toBe(200);
    }
  });

  it('F-RES-05 every response carries Content-Security-Policy and X-Content-Type-Options', async () => {
    const { call } = shellApp();
    for (const [method, path] of [
      ['GET', '/v1/'],
      ['GET', '/v1/unknown'],
      ['GET', '/buckets'],
      ['POST', '/v1/'],
      ['OPTIONS', '/v1/'],
    ] as const) {
      const response = await call(method, path);
      expect(response.headers.get('Content-Security-Policy'), `${method} ${path}`).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none';",
      );
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it('F-RES-05 an endpoint setting its own Content-Security-Policy keeps it', async () => {
    const { call } = shellApp({
      extend: (v1) =>
        v1.get('/admin', (c) => c.json({}, 200, { 'Content-Security-Policy': "default-src 'self'" })),
    });
    expect((await call('GET', '/v1/admin')).headers.get('Content-Security-Policy')).toBe(
      "default-src 'self'",
    );
  });
});

describe('errors', () => {
  function throwingApp(error: unknown, settings = {}) {
    const logger = recordingLogger();
    const api = shellApp({
      settings,
      logger,
      extend: (v1) =>
        v1.get('/boom', () => {
          throw error;
        }),
    });
    return { ...api, logger };
  }

  it('F-ERR-04 an unexpected error is 500 errno 999 with info, logged with its stack, never leaked', async () => {
    const error = new Error('secret detail');
    const { call, logger } = throwingApp(error);
    const response = await call('GET', '/v1/boom');
    expect(response.status).toBe(500);
    expect(response.json).toEqual({
      code: 500,
      errno: 999,
      error: 'Internal Server Error',
      message: 'A programmatic error occurred, developers have been informed.',
      info: 'https://github.com/Kinto/kinto/issues/',
    });
    expect(response.text).not.toContain('secret detail');
    expect(response.text).not.toContain('at ');
    const line = logger.lines.find((entry) => entry.level === 'error');
    expect(line?.fields.path).toBe('/v1/boom');
    expect(line?.fields.errno).toBe(999);
    expect(JSON.stringify(line?.fields.error)).toContain('create-api.test.ts');
    expect(line?.fields.rid).toEqual(expect.any(String));
  });

  it('F-ERR-04 info follows the error_info_link setting', async () => {
    const { call } = throwingApp(new TypeError('x'), { error_info_link: 'https://example.org/bugs' });
    expect((await call('GET', '/v1/boom')).json.info).toBe('https://example.org/bugs');
  });

  it('F-ERR-04 IntegrityError is 409 errno 122 with Retry-After', async () => {
    const { call } = throwingApp(new IntegrityError());
    const response = await call('GET', '/v1/boom');
    expect(response.status).toBe(409);
    expect(response.json).toEqual({
      code: 409,
      errno: 122,
      error: 'Conflict',
      message: 'Integrity constraint violated, please retry.',
    });
    expect(response.headers.get('Retry-After')).toBe('3');
  });

  it('F-OPS-03 F-OPS-02 BackendError is 503 errno 201 with Retry-After = retry_after_seconds', async () => {
    const { call, logger } = throwingApp(new BackendError('db down'), { retry_after_seconds: 42 });
    const response = await call('GET', '/v1/boom');
    expect(response.status).toBe(503);
    expect(response.json).toEqual({
      code: 503,
      errno: 201,
      error: 'Service Unavailable',
      message: 'Service temporary unavailable due to overloading or maintenance, please retry later.',
    });
    expect(response.headers.get('Retry-After')).toBe('42');
    expect(logger.lines.some((line) => line.level === 'fatal')).toBe(true);
  });

  it('F-OPS-03 ReadonlyError is 503 errno 201 too; a 503 HttpError always has Retry-After', async () => {
    const readonly = await throwingApp(new ReadonlyError()).call('GET', '/v1/boom');
    expect([readonly.status, readonly.json.errno, readonly.headers.get('Retry-After')]).toEqual([
      503,
      201,
      '3',
    ]);
    const bare = backendUnavailable(9);
    expect((await throwingApp(bare).call('GET', '/v1/boom')).headers.get('Retry-After')).toBe('9');
  });

  it('F-ERR-01 ObjectNotFoundError is 404 errno 110 with details', async () => {
    const response = await throwingApp(new ObjectNotFoundError('record', 'abc')).call('GET', '/v1/boom');
    expect(response.status).toBe(404);
    expect(response.json.errno).toBe(110);
    expect(response.json.details).toEqual({ id: 'abc', resource_name: 'record' });
  });

  it('F-ERR-01 framework errors (Hono HTTPException) are converted to the JSON format', async () => {
    const response = await throwingApp(
      new HTTPException(400, { message: 'Malformed JSON in request body' }),
    ).call('GET', '/v1/boom');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      code: 400,
      errno: 107,
      error: 'Bad Request',
      message: 'Malformed JSON in request body',
    });
    const teapot = await throwingApp(new HTTPException(418)).call('GET', '/v1/boom');
    expect([teapot.status, teapot.json.code, teapot.json.errno]).toEqual([418, 418, 107]);
  });

  it('F-ERR-01 error bodies omit empty members and are served as application/json', async () => {
    const response = await shellApp().call('GET', '/v1/nope');
    expect(Object.keys(response.json).sort()).toEqual(['code', 'errno', 'error', 'message']);
    expect(response.headers.get('Content-Type')).toBe('application/json');
  });
});

describe('request context', () => {
  it('F-TK-LOG (§17) request ids come from X-Request-Id or are generated', async () => {
    const { call } = shellApp({ extend: (v1) => v1.get('/rid', (c) => c.json({ rid: c.var.requestId })) });
    expect((await call('GET', '/v1/rid', { 'X-Request-Id': 'abc-123' })).json.rid).toBe('abc-123');
    const generated = (await call('GET', '/v1/rid')).json.rid;
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await call('GET', '/v1/rid', { 'X-Request-Id': 'bad id\u0001' })).json.rid).not.toContain('bad');
  });

  it('exposes merged settings, backends and listeners to handlers', async () => {
    const { call, backends } = shellApp({
      settings: { paginate_by: 7 },
      extend: (v1) =>
        v1.get('/vars', (c) =>
          c.json({
            paginate: c.var.settings.paginate_by,
            retry: c.var.settings.retry_after_seconds,
            same: c.var.backends === backends,
            listeners: c.var.listeners.length,
          }),
        ),
    });
    expect((await call('GET', '/v1/vars')).json).toEqual({ paginate: 7, retry: 3, same: true, listeners: 0 });
  });
});
