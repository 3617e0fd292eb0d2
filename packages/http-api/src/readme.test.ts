import { createMemoryBackends } from '@core/storage-memory';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createApi, defineResource } from './index.ts';

describe('the README example', () => {
  it('F-TK-RES-01 a declared resource gets the protocol: create, then list with filters and sort', async () => {
    const notes = defineResource({
      name: 'note',
      pluralPath: '/notebooks/:notebook_id/notes',
      objectPath: '/notebooks/:notebook_id/notes/:id',
      schema: { fields: v.object({ title: v.string(), done: v.optional(v.boolean(), false) }), strict: true },
    });
    const app = createApi({
      backends: createMemoryBackends(),
      resources: [notes],
      settings: { paginate_by: 100 },
    });
    const created = await app.request('/v1/notebooks/n1/notes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { title: 'hi' } }),
    });
    expect(created.status).toBe(201);
    const note = (await created.json()).data;
    expect(note).toMatchObject({ title: 'hi', done: false });
    const listed = await app.request('/v1/notebooks/n1/notes?done=false&_sort=-last_modified&_limit=10');
    expect(listed.headers.get('ETag')).toBe(`"${note.last_modified}"`);
    expect((await listed.json()).data).toEqual([note]);
    expect((await (await app.request('/v1/notebooks/n2/notes')).json()).data).toEqual([]);
  });
});
