import type { AuthenticationPolicy } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { shellApp } from '../app/testing.ts';
import { defineResource } from '../resource/definition.ts';
import { toOpenApiPath } from './openapi.ts';

describe('__version__', () => {
  it('F-UTL-04 returns the configured version document', async () => {
    const version = {
      name: 'kinto',
      version: '20.0.0',
      commit: 'abc',
      source: 'https://github.com/Kinto/kinto',
    };
    const response = await shellApp({ version }).call('GET', '/v1/__version__');
    expect(response.status).toBe(200);
    expect(response.json).toEqual(version);
  });

  it('F-UTL-04 a loader is called until it succeeds once, then memoized', async () => {
    let calls = 0;
    const { call } = shellApp({
      version: async () => {
        calls++;
        if (calls === 1) throw new Error('ENOENT version.json');
        return { version: '1.0.0' };
      },
    });
    const failed = await call('GET', '/v1/__version__');
    expect([failed.status, failed.json.errno]).toEqual([500, 999]);
    expect((await call('GET', '/v1/__version__')).json).toEqual({ version: '1.0.0' });
    await call('GET', '/v1/__version__');
    expect(calls).toBe(2);
  });

  it('F-UTL-04 without a version document it is 500 errno 999', async () => {
    const response = await shellApp().call('GET', '/v1/__version__');
    expect(response.status).toBe(500);
    expect(response.json.errno).toBe(999);
    expect(response.json.info).toBe('https://github.com/Kinto/kinto/issues/');
  });
});

describe('contribute.json', () => {
  it('F-UTL-06 returns the open-source metadata', async () => {
    const response = await shellApp().call('GET', '/v1/contribute.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.json.name).toBe('Kinto');
    expect(Object.keys(response.json)).toEqual(
      expect.arrayContaining(['name', 'description', 'repository', 'participate', 'bugs', 'keywords']),
    );
    expect(Object.keys(response.json.repository)).toEqual(
      expect.arrayContaining(['url', 'license', 'tests']),
    );
    expect(Object.keys(response.json.participate)).toEqual(
      expect.arrayContaining(['home', 'docs', 'irc', 'irc-contacts']),
    );
    expect(Object.keys(response.json.bugs)).toEqual(expect.arrayContaining(['list', 'report']));
  });
});

describe('__api__', () => {
  const buckets = defineResource({ name: 'bucket', pluralPath: '/buckets', objectPath: '/buckets/:id' });
  const records = defineResource({
    name: 'record',
    pluralPath: '/buckets/:bucket_id/collections/:collection_id/records',
    objectPath: '/buckets/:bucket_id/collections/:collection_id/records/:id',
  });
  const basicauth: AuthenticationPolicy = { name: 'basicauth', authenticate: async () => null };

  it('F-UTL-05 converts Hono paths to OpenAPI paths', () => {
    expect(toOpenApiPath('/buckets/:bucket_id/groups/:id')).toBe('/buckets/{bucket_id}/groups/{id}');
    expect(toOpenApiPath('/things/:id{[a-z]+}')).toBe('/things/{id}');
  });

  it('F-UTL-05 is an OpenAPI 2.0 document of the server', async () => {
    const { app } = shellApp({
      settings: { project_name: 'kinto', http_scheme: 'https' },
      policies: [basicauth],
      resources: [buckets, records],
    });
    const doc = await (await app.request('http://kinto.example:8888/v1/__api__')).json();
    expect(doc.swagger).toBe('2.0');
    expect(doc.info).toEqual({ title: 'kinto', version: '1.23' });
    expect(doc.basePath).toBe('/v1');
    expect(doc.host).toBe('kinto.example:8888');
    expect(doc.schemes).toEqual(['https']);
    expect(doc.securityDefinitions).toEqual({ basicauth: expect.objectContaining({ type: 'basic' }) });
    expect(doc.definitions.Error).toBeDefined();
    const tags = doc.tags.map((tag: { name: string }) => tag.name);
    expect(tags).toEqual(expect.arrayContaining(['Utilities', 'Buckets', 'Records']));

    const ids = (path: string) =>
      Object.fromEntries(
        Object.entries(doc.paths[path] as Record<string, { operationId: string }>).map(([method, op]) => [
          method,
          op.operationId,
        ]),
      );
    expect(ids('/')).toEqual({ get: 'server_info' });
    expect(ids('/__heartbeat__')).toEqual({ get: '__heartbeat__' });
    expect(ids('/__lbheartbeat__')).toEqual({ get: '__lbheartbeat__' });
    expect(ids('/__version__')).toEqual({ get: '__version__' });
    expect(ids('/__api__')).toEqual({ get: 'get_openapi_spec' });
    expect(ids('/contribute.json')).toEqual({ get: 'contribute' });
    expect(ids('/buckets')).toEqual({
      get: 'get_buckets',
      head: 'head_buckets',
      post: 'create_bucket',
      delete: 'delete_buckets',
    });
    expect(ids('/buckets/{id}')).toEqual({
      get: 'get_bucket',
      put: 'update_bucket',
      patch: 'patch_bucket',
      delete: 'delete_bucket',
    });
    const recordGet = doc.paths['/buckets/{bucket_id}/collections/{collection_id}/records/{id}'].get;
    expect(recordGet.parameters.map((p: { name: string }) => p.name)).toEqual([
      'bucket_id',
      'collection_id',
      'id',
    ]);
    expect(recordGet.tags).toEqual(['Records']);
  });

  it('F-UTL-05 reflects read-only mode, disabled methods and plugin routes', async () => {
    const { call } = shellApp({
      settings: { readonly: true, plural_bucket_get_enabled: false },
      resources: [buckets],
      extend: (v1) => v1.post('/batch', (c) => c.json({ responses: [] })),
    });
    const doc = (await call('GET', '/v1/__api__')).json;
    expect(Object.keys(doc.paths['/buckets'])).toEqual(['head']);
    expect(Object.keys(doc.paths['/buckets/{id}'])).toEqual(['get']);
    expect(doc.paths['/batch'].post.operationId).toBe('batch');
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain('Batch');
  });
});
