import { describe, expect, it } from 'vitest';
import { nextPageUrl } from './next-page.ts';

const NO_OVERRIDE = { http_scheme: null, http_host: null };

describe('nextPageUrl (§9.2)', () => {
  it('F-PAG-02 keeps the route and every query parameter, replacing _limit and _token', () => {
    const url = nextPageUrl(
      'http://localhost:8888/v1/buckets/b/collections/c/records?_sort=-title&_limit=2&in_status=1,2&_token=old&like_title=a%20b',
      { limit: 5, token: 't1.abc.def' },
      NO_OVERRIDE,
    );
    expect(url).toBe(
      'http://localhost:8888/v1/buckets/b/collections/c/records?_sort=-title&in_status=1,2&like_title=a%20b&_limit=5&_token=t1.abc.def',
    );
    const params = new URL(url).searchParams;
    expect(params.getAll('_limit')).toEqual(['5']);
    expect(params.getAll('_token')).toEqual(['t1.abc.def']);
  });

  it('F-PAG-02 adds _limit and _token to a URL without query', () => {
    expect(nextPageUrl('https://example.com/v1/buckets', { limit: 10, token: 'tok' }, NO_OVERRIDE)).toBe(
      'https://example.com/v1/buckets?_limit=10&_token=tok',
    );
  });

  it('F-PAG-02 replaces encoded and repeated _limit/_token, keeps repeated filters verbatim', () => {
    const url = nextPageUrl(
      'http://h/v1/x?%5Flimit=1&a=1&a=2&_token=x&_token=y&_limit=3&b=%E2%9C%93&c=a+b&d',
      { limit: 2, token: 'new' },
      NO_OVERRIDE,
    );
    expect(url).toBe('http://h/v1/x?a=1&a=2&b=%E2%9C%93&c=a+b&d&_limit=2&_token=new');
  });

  it('F-PAG-02 keeps malformed percent-encodings untouched instead of failing', () => {
    expect(nextPageUrl('http://h/x?a=%E0%A4%A&%ZZ=1', { limit: 1, token: 't' }, NO_OVERRIDE)).toBe(
      'http://h/x?a=%E0%A4%A&%ZZ=1&_limit=1&_token=t',
    );
  });

  it('F-PAG-02 forces scheme and host from settings', () => {
    const url = nextPageUrl(
      'http://internal:8888/v1/buckets?_limit=1',
      { limit: 1, token: 't' },
      { http_scheme: 'https', http_host: 'kinto.example.com' },
    );
    expect(url).toBe('https://kinto.example.com/v1/buckets?_limit=1&_token=t');
    expect(
      nextPageUrl('http://a:1/x', { limit: 1, token: 't' }, { http_scheme: 'https', http_host: null }),
    ).toBe('https://a:1/x?_limit=1&_token=t');
  });
});
