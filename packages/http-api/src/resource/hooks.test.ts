import { describe, expect, it } from 'vitest';
import { forbidden } from '../errors/http-errors.ts';
import type { ResourceHooks } from './definition.ts';
import { mushrooms, testApp } from './testing.ts';

function withHooks(hooks: ResourceHooks) {
  return testApp({ resources: [{ ...mushrooms, hooks }] });
}

describe('resource hooks', () => {
  it('F-TK-RES-01 beforeCreate/beforeUpdate may replace the data to store', async () => {
    const { call } = withHooks({
      beforeCreate: (_context, data) => ({ ...data, slug: String(data.title).toLowerCase() }),
      beforeUpdate: (_context, data, existing) => ({ ...data, revision: Number(existing.revision ?? 0) + 1 }),
    });
    const created = await call('POST', '/v1/mushrooms', { body: { data: { title: 'Amanita' } } });
    expect(created.json.data).toMatchObject({ title: 'Amanita', slug: 'amanita' });
    const updated = await call('PATCH', `/v1/mushrooms/${created.json.data.id}`, {
      body: { data: { n: 1 } },
    });
    expect(updated.json.data).toMatchObject({ n: 1, revision: 1 });
  });

  it('F-TK-RES-01 a before hook vetoes with an HttpError and nothing is written', async () => {
    const { call } = withHooks({
      beforeCreate: (context) => {
        if (context.caller.userId === null) throw forbidden();
        return undefined;
      },
    });
    expect((await call('POST', '/v1/mushrooms', { body: { data: {} } })).status).toBe(403);
    expect((await call('GET', '/v1/mushrooms')).json.data).toEqual([]);
    expect((await call('POST', '/v1/mushrooms', { body: { data: {} }, user: 'alice' })).status).toBe(201);
  });

  it('F-TK-TX after hooks write in the same transaction, and their failure rolls the request back', async () => {
    const seen: string[] = [];
    const { call, backends } = withHooks({
      afterCreate: async (context, created) => {
        await context.transaction.storage.create({ resource: 'audit', parent: '' }, { about: created.id });
      },
      beforeDelete: (_context, existing) => void seen.push(`before ${existing.id}`),
      afterDelete: (_context, tombstone) => {
        seen.push(`after ${tombstone.id}`);
        throw new Error('audit store down');
      },
    });
    const created = (await call('POST', '/v1/mushrooms', { body: { data: {} } })).json.data;
    expect(await backends.storage.countAll({ resource: 'audit', parent: '' })).toBe(1);
    const deleted = await call('DELETE', `/v1/mushrooms/${created.id}`);
    expect(deleted.status).toBe(500);
    expect(seen).toEqual([`before ${created.id}`, `after ${created.id}`]);
    expect((await call('GET', `/v1/mushrooms/${created.id}`)).status).toBe(200);
  });

  it('F-TK-RES-01 plural DELETE runs the delete hooks for each object', async () => {
    const seen: string[] = [];
    const { call } = withHooks({ afterDelete: (_context, tombstone) => void seen.push(tombstone.id) });
    const a = (await call('POST', '/v1/mushrooms', { body: { data: {} } })).json.data;
    const b = (await call('POST', '/v1/mushrooms', { body: { data: {} } })).json.data;
    await call('DELETE', '/v1/mushrooms');
    expect(seen.sort()).toEqual([a.id, b.id].sort());
  });
});
