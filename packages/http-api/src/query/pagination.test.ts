import { describe, expect, it } from 'vitest';
import { cursorFromObject } from './cursor.ts';
import { effectiveLimit } from './limit.ts';
import { parseListQuery } from './list-query.ts';
import { nextPageUrl } from './next-page.ts';
import { decodeToken, encodeToken, importTokenKey } from './token.ts';
import { tokenScope } from './token-scope.ts';

const NOW = 1_700_000_000_000;
const SETTINGS = { paginate_by: null, storage_max_fetch_size: 10_000, http_scheme: null, http_host: null };

async function scopeOf(url: string, parent: string) {
  const parsed = parseListQuery(new URL(url).searchParams, { now: NOW, method: 'GET' });
  return {
    parsed,
    scope: await tokenScope({ resource: 'record', parent, filters: parsed.filters, sort: parsed.sort }),
  };
}

describe('Next-Page round trip', () => {
  it('F-PAG-02 a Next-Page URL followed verbatim decodes on the same list, and only there (LESSONS §18)', async () => {
    const key = await importTokenKey('s3cret');
    const first =
      'http://localhost/v1/buckets/b/collections/a/records?in_status=1,2&_sort=-title&_limit=2&_since=5';
    const { parsed, scope } = await scopeOf(first, '/buckets/b/collections/a');
    const last = { id: 'r2', last_modified: 100, title: 'Zed', status: 1 };
    const token = await encodeToken({ after: cursorFromObject(last, parsed.sort), offset: 2, scope }, key);
    const next = nextPageUrl(first, { limit: effectiveLimit(parsed.limit, SETTINGS), token }, SETTINGS);

    const followed = await scopeOf(next, '/buckets/b/collections/a');
    expect(followed.parsed.filters).toEqual(parsed.filters);
    expect(followed.parsed.token).toBe(token);
    const decoded = await decodeToken(followed.parsed.token as string, key, followed.scope);
    expect(decoded.after).toEqual({ title: 'Zed', last_modified: 100, id: 'r2' });
    expect(decoded.offset).toBe(2);

    const elsewhere = await scopeOf(
      next.replace('/collections/a/', '/collections/b/'),
      '/buckets/b/collections/b',
    );
    await expect(decodeToken(token, key, elsewhere.scope)).rejects.toMatchObject({ status: 400, errno: 107 });
    const refiltered = await scopeOf(`${next}&status=3`, '/buckets/b/collections/a');
    await expect(decodeToken(token, key, refiltered.scope)).rejects.toMatchObject({
      status: 400,
      errno: 107,
    });
  });
});
