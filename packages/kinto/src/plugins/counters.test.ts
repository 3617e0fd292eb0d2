import { describe, expect, it } from 'vitest';
import { basic } from '../../test/e2e/helpers.ts';
import { createKintoApp } from '../create-kinto-app.ts';
import { kintoInProcess } from '../testing/kinto-in-process.ts';

const auth = basic('alice', 'secret');

async function kinto(includes: string) {
  const { call } = await kintoInProcess({ settings: { includes, 'multiauth.policies': 'basicauth' } });
  return (method: string, path: string, body?: unknown) =>
    call(method, path, { auth, ...(body === undefined ? {} : { body }) });
}

describe('the counters plugin (issue 24 item 2)', () => {
  it('counts live objects and tombstones per resource, zero counts left out, as Kinto', async () => {
    const call = await kinto('kinto.plugins.counters kinto.plugins.history');
    for (const bucket of ['a', 'b', 'c', 'd']) {
      await call('PUT', `/v1/buckets/${bucket}`);
      for (const collection of ['e', 'f', 'g']) {
        const records = `/v1/buckets/${bucket}/collections/${collection}/records`;
        await call('PUT', `/v1/buckets/${bucket}/collections/${collection}`);
        for (let i = 0; i < 3; i++) {
          const created = await call('POST', records, { data: { i } });
          if (i % 2 !== 0) await call('DELETE', `${records}/${created.json.data.id}`);
        }
      }
    }
    const answer = await call('GET', '/v1/__counters__');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      objects: { bucket: 4, collection: 12, record: 24, history: 64 },
      tombstones: { record: 12 },
    });
    const hello = await call('GET', '/v1/');
    expect(hello.json.capabilities.counters_endpoint).toMatchObject({
      url: expect.stringContaining('counters'),
    });
  });

  it('is public, and absent unless included', async () => {
    const { app } = await createKintoApp({
      settings: { includes: 'kinto.plugins.counters', 'multiauth.policies': 'basicauth' },
    });
    const empty = await app.request('/v1/__counters__');
    expect(await empty.json()).toEqual({ objects: {}, tombstones: {} });
    await app.request('/v1/buckets/a', { method: 'PUT', headers: { Authorization: auth } });
    const anonymous = await app.request('/v1/__counters__');
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ objects: { bucket: 1 }, tombstones: {} });
    const without = await kinto('kinto.plugins.history');
    expect((await without('GET', '/v1/__counters__')).status).toBe(404);
  });
});
