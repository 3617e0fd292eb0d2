import { describe, expect, it } from 'vitest';
import { historyApp } from './testing.ts';

type Entry = { id: string; uri: string; action: string; date: string; last_modified: number };

/** Kinto's FilteringTest fixture: bucket bid, collection cid, record rid created, updated, deleted. */
async function fixture() {
  const context = await historyApp();
  const { call } = context;
  const user = 'alice';
  await call('PUT', '/buckets/bid', { user });
  await call('PUT', '/buckets/bid/collections/cid', { user });
  await call('PUT', '/buckets/bid/collections/cid/records/rid', { user, body: { data: { foo: 42 } } });
  await call('PATCH', '/buckets/bid/collections/cid/records/rid', { user, body: { data: { foo: 'bar' } } });
  await call('DELETE', '/buckets/bid/collections/cid/records/rid', { user });
  const get = async (query: string, as = user) => call('GET', `/buckets/bid/history${query}`, { user: as });
  return { ...context, get };
}

const count = (response: { json: { data: unknown[] } }) => response.json.data.length;

describe('history endpoint', () => {
  it('F-KIN-HIS-04 filters on the known fields, nested target fields included', async () => {
    const { get } = await fixture();
    expect(count(await get('?action=delete'))).toBe(1);
    expect(count(await get('?resource_name=bucket'))).toBe(1);
    expect(count(await get('?uri=/buckets/bid/collections/cid/records/rid'))).toBe(3);
    expect(count(await get('?bucket_id=bid'))).toBe(1); // only bucket entries have it
    expect(count(await get('?collection_id=cid'))).toBe(4);
    expect(count(await get('?target.data.id=rid'))).toBe(3);
    expect(count(await get('?in_action=create,update'))).toBe(4);
    expect(count(await get('?like_date=*%2B00:00'))).toBe(5);
    const users = await get('?has_user_id=true');
    expect(count(users)).toBe(5);
  });

  it('F-KIN-HIS-04 unknown fields are refused (filters, sort, _fields); _-parameters are not filters', async () => {
    const { get } = await fixture();
    for (const query of ['?movie=bourne', '?_sort=movie', '?_fields=movie', '?gt_title=1']) {
      const refused = await get(query);
      expect(refused.status, query).toBe(400);
      expect(refused.json.errno).toBe(107);
    }
    expect((await get('?_unknown=1')).status).toBe(200);
  });

  it('F-KIN-HIS-04 numeric id filters are compared as strings', async () => {
    const { call, get } = await fixture();
    await call('PUT', '/buckets/bid/collections/2', { user: 'alice' });
    await call('PUT', '/buckets/bid/collections/2/records/2', { user: 'alice' });
    await call('PUT', '/buckets/2', { user: 'alice' });
    expect(count(await get('?record_id=2'))).toBe(1);
    expect(count(await get('?collection_id=2'))).toBe(2);
    expect(count(await get('?in_record_id=2,rid'))).toBe(4);
    expect(count(await call('GET', '/buckets/2/history?bucket_id=2', { user: 'alice' }))).toBe(1);
  });

  it('F-KIN-HIS-04 newest first; _sort, _limit with Next-Page, _since/_before, _fields', async () => {
    const { get } = await fixture();
    const all = (await get('')).json.data as Entry[];
    expect(all.map((entry) => entry.action)).toEqual(['delete', 'update', 'create', 'create', 'create']);
    const stamps = all.map((entry) => entry.last_modified);
    expect([...stamps].sort((a, b) => b - a)).toEqual(stamps);
    const byDate = (await get('?_sort=date')).json.data as Entry[];
    // Entries written within the same millisecond share a date: their order is the tie-break's.
    const dates = byDate.map((entry) => entry.date);
    expect([...dates].sort()).toEqual(dates);
    expect(byDate.map((entry) => entry.id).sort()).toEqual(all.map((entry) => entry.id).sort());
    const firstPage = await get('?_limit=2');
    expect(count(firstPage)).toBe(2);
    const next = firstPage.headers.get('Next-Page')!;
    const seen = [...firstPage.json.data];
    let url: string | null = next;
    while (url) {
      const page = await get(url.slice(url.indexOf('/history') + '/history'.length));
      seen.push(...page.json.data);
      url = page.headers.get('Next-Page');
    }
    expect(seen.map((entry: Entry) => entry.id)).toEqual(all.map((entry) => entry.id));
    expect(count(await get(`?_since=${all[2]!.last_modified}`))).toBe(2);
    expect(count(await get(`?_before=${all[2]!.last_modified}`))).toBe(2);
    const fields = await get('?_fields=uri,action');
    expect(Object.keys(fields.json.data[0]).sort()).toEqual(['action', 'id', 'last_modified', 'uri']);
  });

  it('F-KIN-HIS-04 DELETE needs bucket write and deletes the matching entries only', async () => {
    const { call, get, userId } = await fixture();
    const bob = await userId('bob');
    await call('PATCH', '/buckets/bid', { user: 'alice', body: { permissions: { read: [bob] } } });
    expect(count(await get('', 'bob'))).toBe(6);
    expect((await call('DELETE', '/buckets/bid/history', { user: 'bob' })).status).toBe(403);
    expect((await call('DELETE', '/buckets/bid/history')).status).toBe(401);
    const deleted = await call('DELETE', '/buckets/bid/history?resource_name=record', { user: 'alice' });
    expect(deleted.status).toBe(200);
    expect(deleted.json.data).toHaveLength(3);
    const left = (await get('')).json.data as { resource_name: string }[];
    expect(left.map((entry) => entry.resource_name)).toEqual(['bucket', 'collection', 'bucket']);
    expect((await call('DELETE', '/buckets/bid/history', { user: 'alice' })).json.data).toHaveLength(3);
    expect(count(await get(''))).toBe(0);
  });

  it('F-KIN-HIS-04 GET (and HEAD, as Kinto answers it) and DELETE on the list; no object endpoint', async () => {
    const { call, get } = await fixture();
    const id = ((await get('')).json.data as Entry[])[0]!.id;
    expect((await call('HEAD', '/buckets/bid/history', { user: 'alice' })).status).toBe(200);
    expect((await call('HEAD', '/buckets/bid/history', { user: 'mallory' })).status).toBe(403);
    for (const method of ['POST', 'PUT', 'PATCH']) {
      const refused = await call(method, '/buckets/bid/history', { user: 'alice', body: {} });
      expect(refused.status, method).toBe(405);
    }
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      expect((await call(method, `/buckets/bid/history/${id}`, { user: 'alice' })).status, method).toBe(404);
    }
  });
});
