import type { JsonObject } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { testApp } from './testing.ts';

type Call = ReturnType<typeof testApp>['call'];

async function seed(call: Call, values: readonly JsonObject[], path = '/v1/mushrooms') {
  const created = [];
  for (const data of values) created.push((await call('POST', path, { body: { data } })).json.data);
  return created;
}

const ids = (response: { json: { data: { id: string }[] } }) => response.json.data.map((object) => object.id);

describe('listing: filters, sorting, pagination, fields, counts', () => {
  it('F-MTH-01 F-FLT-02 F-FLT-03 F-FLT-04 GET plural applies the filters, ANDed', async () => {
    const { call } = testApp();
    const [a, b, c] = await seed(call, [
      { n: 1, name: 'amanita' },
      { n: 2, name: 'boletus' },
      { n: 3, name: 'chanterelle' },
    ]);
    expect(ids(await call('GET', '/v1/mushrooms?n=2'))).toEqual([b.id]);
    expect(ids(await call('GET', '/v1/mushrooms?min_n=2&not_name=chanterelle'))).toEqual([b.id]);
    expect(ids(await call('GET', '/v1/mushrooms?in_n=1,3&_sort=n'))).toEqual([a.id, c.id]);
    expect(ids(await call('GET', '/v1/mushrooms?like_name=*ol*'))).toEqual([b.id]);
    expect(ids(await call('GET', '/v1/mushrooms?has_missing=false&gt_n=2'))).toEqual([c.id]);
  });

  it('F-FLT-01 numbers and numeric strings are distinct; NUL characters are refused', async () => {
    const { call } = testApp();
    const [num, str] = await seed(call, [{ code: 1 }, { code: '1' }]);
    expect(ids(await call('GET', '/v1/mushrooms?code=1'))).toEqual([num.id]);
    expect(ids(await call('GET', '/v1/mushrooms?code="1"'))).toEqual([str.id]);
    const nul = await call('GET', '/v1/mushrooms?code=%00');
    expect(nul.status).toBe(400);
  });

  it('F-FLT-08 unknown fields are refused on strict resources only', async () => {
    const { call } = testApp();
    expect((await call('GET', '/v1/mushrooms?whatever=1')).status).toBe(200);
    const strict = await call('GET', '/v1/things?whatever=1');
    expect(strict.status).toBe(400);
    expect(strict.json.message).toContain("Unknown filter field 'whatever'");
    expect((await call('GET', '/v1/things?name=x&_unknown=1')).status).toBe(200);
  });

  it('F-SORT-01 F-SORT-02 multi-key sort with the cross-type order, default -last_modified', async () => {
    const { call } = testApp();
    const [a, b, c, d] = await seed(call, [{ v: 'x', w: 1 }, { v: 2 }, { v: 'x', w: 0 }, {}]);
    expect(ids(await call('GET', '/v1/mushrooms'))).toEqual([d.id, c.id, b.id, a.id]);
    expect(ids(await call('GET', '/v1/mushrooms?_sort=v,w'))).toEqual([c.id, a.id, b.id, d.id]);
    expect(ids(await call('GET', '/v1/mushrooms?_sort=-v,-w'))).toEqual([d.id, b.id, a.id, c.id]);
  });

  it('F-PAG-01 F-PAG-02 Next-Page walks every object once, and is absent on the last page', async () => {
    const { call } = testApp();
    const created = await seed(
      call,
      Array.from({ length: 7 }, (_, n) => ({ n: n % 3 })),
    );
    const seen: string[] = [];
    let url: string | null = '/v1/mushrooms?_sort=n&_limit=2';
    let pages = 0;
    while (url) {
      const page = await call('GET', url);
      expect(page.status).toBe(200);
      seen.push(...ids(page));
      url = page.headers.get('Next-Page');
      if (url) expect(new URL(url).searchParams.get('_limit')).toBe('2');
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(seen.sort()).toEqual(created.map((o) => o.id).sort());
  });

  it('F-PAG-02 no Next-Page when the last page is exactly full', async () => {
    const { call } = testApp();
    await seed(call, [{}, {}, {}, {}]);
    const first = await call('GET', '/v1/mushrooms?_limit=2');
    const second = await call('GET', first.headers.get('Next-Page')!);
    expect(second.json.data).toHaveLength(2);
    expect(second.headers.get('Next-Page')).toBeNull();
  });

  it('F-PAG-02 a tampered, truncated or foreign token is a 400 errno 107', async () => {
    const { call } = testApp();
    await seed(call, [{}, {}, {}]);
    await seed(call, [{}, {}, {}], '/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-aaaaaaaaaaaa/spores');
    const next = new URL((await call('GET', '/v1/mushrooms?_limit=1')).headers.get('Next-Page')!);
    const token = next.searchParams.get('_token')!;
    for (const bad of [`${token.slice(0, -2)}xx`, token.slice(0, 10), 'eyJhIjogMX0=', '%%%']) {
      const response = await call('GET', `/v1/mushrooms?_limit=1&_token=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
      expect(response.json.errno).toBe(107);
    }
    const foreign = await call(
      'GET',
      `/v1/mushrooms/6e3a3f5e-8b7d-4a39-9d44-aaaaaaaaaaaa/spores?_limit=1&_token=${encodeURIComponent(token)}`,
    );
    expect(foreign.status).toBe(400);
  });

  it('F-PAG-01 paginate_by caps _limit and applies without it', async () => {
    const { call } = testApp({ settings: { paginate_by: 2 } });
    await seed(call, [{}, {}, {}]);
    const capped = await call('GET', '/v1/mushrooms?_limit=10');
    expect(capped.json.data).toHaveLength(2);
    expect(new URL(capped.headers.get('Next-Page')!).searchParams.get('_limit')).toBe('2');
    expect((await call('GET', '/v1/mushrooms')).json.data).toHaveLength(2);
    expect((await call('GET', '/v1/mushrooms?_limit=-1')).status).toBe(400);
  });

  it('F-FLD-01 _fields projects, always keeping id and last_modified', async () => {
    const { call } = testApp();
    const [a] = await seed(call, [{ name: 'x', author: { name: 'y', age: 3 }, other: 1 }]);
    const listed = await call('GET', '/v1/mushrooms?_fields=name,author.name');
    expect(listed.json.data).toEqual([
      { id: a.id, last_modified: a.last_modified, name: 'x', author: { name: 'y' } },
    ]);
    const one = await call('GET', `/v1/mushrooms/${a.id}?_fields=other`);
    expect(one.json.data).toEqual({ id: a.id, last_modified: a.last_modified, other: 1 });
    // Filters mean nothing on one object: they are not parsed there.
    expect((await call('GET', `/v1/mushrooms/${a.id}?like_name=10&_since=abc`)).status).toBe(200);
  });

  it('F-CNT-01 F-MTH-02 HEAD counts the matching live objects; GET carries no total', async () => {
    const { call } = testApp();
    const [a] = await seed(call, [{ n: 1 }, { n: 1 }, { n: 2 }]);
    await call('DELETE', `/v1/mushrooms/${a.id}`);
    const head = await call('HEAD', '/v1/mushrooms?n=1&_limit=1');
    expect(head.status).toBe(200);
    expect(head.json).toBeUndefined();
    expect(head.headers.get('Total-Objects')).toBe('1');
    expect(head.headers.get('Total-Records')).toBe('1');
    expect((await call('HEAD', '/v1/mushrooms?_since=0')).headers.get('Total-Objects')).toBe('2');
    expect((await call('GET', '/v1/mushrooms')).headers.get('Total-Objects')).toBeNull();
  });

  it('F-MTH-04 F-PAG-03 DELETE plural deletes the matching page, returns tombstones and a single-use Next-Page', async () => {
    const { call } = testApp();
    await seed(call, [{ n: 1 }, { n: 1 }, { n: 1 }, { n: 2 }]);
    const first = await call('DELETE', '/v1/mushrooms?n=1&_limit=2');
    expect(first.status).toBe(200);
    expect(first.json.data).toHaveLength(2);
    expect(first.json.data.every((t: { deleted: boolean }) => t.deleted)).toBe(true);
    const next = first.headers.get('Next-Page')!;
    const second = await call('DELETE', next);
    expect(second.json.data).toHaveLength(1);
    const replay = await call('DELETE', next);
    expect(replay.status).toBe(400);
    expect(replay.json.message).toContain('_token was already used or has expired.');
    expect(ids(await call('GET', '/v1/mushrooms'))).toHaveLength(1);
  });

  it('F-PAG-03 DELETE tokens expire after pagination_token_validity_seconds; GET tokens replay', async () => {
    const { call } = testApp({ settings: { pagination_token_validity_seconds: 0.05 } });
    await seed(call, [{}, {}, {}]);
    const next = (await call('DELETE', '/v1/mushrooms?_limit=1')).headers.get('Next-Page')!;
    await new Promise((resolve) => setTimeout(resolve, 120));
    const expired = await call('DELETE', next);
    expect(expired.status).toBe(400);
    expect(expired.json.message).toContain('_token was already used or has expired.');
    const page = (await call('GET', '/v1/mushrooms?_limit=1')).headers.get('Next-Page')!;
    expect((await call('GET', page)).status).toBe(200);
    expect((await call('GET', page)).status).toBe(200);
  });
});
