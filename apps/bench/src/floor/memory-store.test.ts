import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.ts';
import { parseListQuery } from './query.ts';

const seed = Array.from({ length: 30 }, (_, i) => ({
  id: `r${i}`,
  last_modified: 1000 + i,
  status: ['todo', 'doing', 'done'][i % 3],
}));

describe('memory floor', () => {
  it('lists newest first, filters, pages and answers _since', async () => {
    const store = createMemoryStore(seed);
    const page = await store.list(parseListQuery(new URLSearchParams('_limit=3&_sort=-last_modified'))!);
    expect(page.records.map((r) => r.id)).toEqual(['r29', 'r28', 'r27']);
    expect(page).toMatchObject({ timestamp: 1029, more: true });
    const done = await store.list(parseListQuery(new URLSearchParams('status=done&_limit=2'))!);
    expect(done.records.map((r) => r.id)).toEqual(['r29', 'r26']);
    const since = await store.list(parseListQuery(new URLSearchParams('_since=1029'))!);
    expect(since).toMatchObject({ records: [], more: false });
  });

  it('creates with increasing timestamps and finds by id', async () => {
    const store = createMemoryStore(seed);
    const [a, b] = await store.create([{ title: 'a' }, { title: 'b' }]);
    expect(b!.last_modified).toBeGreaterThan(a!.last_modified);
    expect(await store.get(a!.id)).toEqual(a);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('refuses the query parameters it does not support', () => {
    expect(parseListQuery(new URLSearchParams('_sort=title'))).toBeUndefined();
    expect(parseListQuery(new URLSearchParams('_token=x'))).toBeUndefined();
  });
});
