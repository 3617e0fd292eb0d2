import type { JsonObject } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { testApp } from './testing.ts';

type Call = ReturnType<typeof testApp>['call'];

async function createOne(call: Call, data: JsonObject, user = 'alice') {
  return (await call('POST', '/v1/mushrooms', { body: { data }, user })).json.data;
}

describe('PATCH', () => {
  it('F-MTH-07 JSON PATCH merges top-level keys, keeps the others and bumps last_modified', async () => {
    const { call } = testApp();
    const a = await createOne(call, { name: 'a', meta: { x: 1, y: 2 } });
    const patched = await call('PATCH', `/v1/mushrooms/${a.id}`, {
      body: { data: { meta: { x: 3 } } },
      user: 'alice',
    });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({ name: 'a', meta: { x: 3 } });
    expect(patched.json.data.meta.y).toBeUndefined();
    expect(patched.json.data.last_modified).toBeGreaterThan(a.last_modified);
    const noop = await call('PATCH', `/v1/mushrooms/${a.id}`, { body: { data: {} }, user: 'alice' });
    expect(noop.json.data.last_modified).toBeGreaterThan(patched.json.data.last_modified);
  });

  it('F-MTH-07 an empty PATCH body asks for data or permissions', async () => {
    const { call } = testApp();
    const a = await createOne(call, {});
    const response = await call('PATCH', `/v1/mushrooms/${a.id}`, { body: {} });
    expect(response.status).toBe(400);
    expect(response.json.details[0]).toMatchObject({
      location: 'body',
      name: 'data',
      description: 'Provide at least one of data or permissions',
    });
  });

  it('F-MTH-07 PATCH of a missing object is 404', async () => {
    const { call } = testApp();
    const response = await call('PATCH', '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-bbbbbbbbbbbb', {
      body: { data: {} },
    });
    expect(response.status).toBe(404);
  });

  it('F-MTH-09 merge-patch merges recursively and removes null keys, permissions included', async () => {
    const { call } = testApp();
    const a = await createOne(call, { meta: { x: 1, y: 2 }, gone: true });
    const patched = await call('PATCH', `/v1/mushrooms/${a.id}`, {
      body: { data: { meta: { x: 3 }, gone: null }, permissions: { read: ['system.Everyone'] } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
      user: 'alice',
    });
    expect(patched.status).toBe(200);
    expect(patched.json.data.meta).toEqual({ x: 3, y: 2 });
    expect('gone' in patched.json.data).toBe(false);
    expect(patched.json.permissions).toEqual({ read: ['system.Everyone'], write: ['test:alice'] });
  });

  it('F-MTH-10 JSON-Patch operations on data and permissions', async () => {
    const { call } = testApp();
    const a = await createOne(call, { tags: ['a'] });
    const patched = await call('PATCH', `/v1/mushrooms/${a.id}`, {
      body: [
        { op: 'add', path: '/data/tags/-', value: 'b' },
        { op: 'add', path: '/permissions/read/bob' },
      ],
      headers: { 'Content-Type': 'application/json-patch+json' },
      user: 'alice',
    });
    expect(patched.status).toBe(200);
    expect(patched.json.data.tags).toEqual(['a', 'b']);
    expect(patched.json.permissions.read).toEqual(['bob']);
    const failed = await call('PATCH', `/v1/mushrooms/${a.id}`, {
      body: [{ op: 'test', path: '/data/tags/0', value: 'z' }],
      headers: { 'Content-Type': 'application/json-patch+json' },
      user: 'alice',
    });
    expect(failed.status).toBe(400);
    expect(failed.json.message).toContain('JSON Patch operation failed');
  });

  it('F-MTH-11 Response-Behavior light and diff; anything else is a 400', async () => {
    const { call } = testApp();
    const a = await createOne(call, { name: 'a', n: 1 });
    const light = await call('PATCH', `/v1/mushrooms/${a.id}`, {
      body: { data: { name: 'b', n: 1 } },
      headers: { 'Response-Behavior': 'light' },
    });
    expect(light.json.data).toEqual({ name: 'b' });
    const wrong = await call('PATCH', `/v1/mushrooms/${a.id}`, {
      body: { data: { name: 'c' } },
      headers: { 'Response-Behavior': 'weird' },
    });
    expect(wrong.status).toBe(400);
  });

  it('F-MTH-12 F-RES-07 strict schemas validate, and read-only fields cannot change', async () => {
    const { call } = testApp();
    const invalid = await call('POST', '/v1/things', { body: { data: { name: '' } } });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ errno: 107, error: 'Invalid parameters' });
    expect(invalid.json.details[0].location).toBe('body');
    const created = await call('POST', '/v1/things', { body: { data: { name: 'a', kind: 'x', extra: 1 } } });
    expect(created.status).toBe(201);
    expect(created.json.data.extra).toBeUndefined();
    const changed = await call('PATCH', `/v1/things/${created.json.data.id}`, {
      body: { data: { kind: 'y' } },
    });
    expect(changed.status).toBe(400);
    expect(changed.json.details[0]).toMatchObject({ name: 'kind', description: 'Cannot modify kind' });
  });
});
