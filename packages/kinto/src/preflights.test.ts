import type { AttachmentStorage } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createKintoApp } from './create-kinto-app.ts';

// Every route answers its CORS preflight like Kinto, whoever registered it (issue 24 item 1).

function filesInMemory(): AttachmentStorage {
  const files = new Map<string, Uint8Array>();
  return {
    name: 'memory',
    put: async (key, body) => void files.set(key, body),
    delete: async (key) => void files.delete(key),
    exists: async (key) => files.has(key),
    read: async (key) => files.get(key),
  };
}

async function everyPluginApp() {
  const { app } = await createKintoApp({
    settings: {
      includes:
        'kinto.plugins.default_bucket kinto.plugins.accounts kinto.plugins.history kinto.plugins.flush kinto.plugins.prometheus kinto.plugins.counters kinto_attachment',
      experimental_permissions_endpoint: true,
      'attachment.base_url': 'http://localhost:8888/v1/attachments/',
    },
    attachmentStorage: filesInMemory(),
  });
  return app;
}

// HEAD is left out: Kinto's resources do not list it in their preflights, its utility endpoints do.
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

describe('CORS preflights on every route', () => {
  it('F-CORS-02 every registered path answers each method its route has, 400 for the others, never 405', async () => {
    const app = await everyPluginApp();
    const served = new Map<string, Set<string>>();
    for (const { method, path } of app.routes) {
      if (method === 'ALL' || method === 'OPTIONS' || path.includes('*')) continue;
      const methods = served.get(path) ?? new Set<string>();
      methods.add(method);
      if (method === 'GET') methods.add('HEAD');
      served.set(path, methods);
    }
    for (const path of [
      '/v1/permissions',
      '/v1/batch',
      '/v1/__flush__',
      '/v1/__counters__',
      '/v1/buckets/:bucket_id/history',
    ]) {
      expect(served.has(path), path).toBe(true);
    }
    expect(served.size).toBeGreaterThan(15);
    for (const [pattern, methods] of served) {
      const path = pattern.replace(/:[a-z_]+/g, 'x');
      for (const method of METHODS) {
        const answer = await app.request(path, {
          method: 'OPTIONS',
          headers: { Origin: 'https://admin.example', 'Access-Control-Request-Method': method },
        });
        const where = `OPTIONS ${path} for ${method}`;
        if (methods.has(method)) {
          expect(answer.status, where).toBe(200);
          const allowed = answer.headers.get('Access-Control-Allow-Methods')?.split(',') ?? [];
          expect(allowed, where).toContain(method);
          expect(answer.headers.get('Access-Control-Allow-Headers'), where).toContain('Authorization');
          expect(answer.headers.get('Access-Control-Allow-Origin'), where).toBe('*');
        } else {
          expect(answer.status, where).toBe(400);
          expect((await answer.json()).errno, where).toBe(107);
        }
      }
    }
  });

  it('F-CORS-02 /permissions answers the preflight Kinto Admin sends, and exposes what listings expose', async () => {
    const app = await everyPluginApp();
    const preflight = await app.request('/v1/permissions', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://admin.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('Access-Control-Max-Age')).not.toBeNull();
    const list = await app.request('/v1/permissions', {
      headers: { Origin: 'https://admin.example', Authorization: `Basic ${btoa('bob:secret')}` },
    });
    const exposed = list.headers.get('Access-Control-Expose-Headers')?.split(', ') ?? [];
    for (const header of ['Last-Modified', 'ETag', 'Expires', 'Cache-Control', 'Pragma', 'Next-Page']) {
      expect(exposed, `${list.status}`).toContain(header);
    }
  });
});
