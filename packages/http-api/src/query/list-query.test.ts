import { type HttpError, isCoreError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { type ListQueryOptions, type ParsedListQuery, parseListQuery } from './list-query.ts';

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;

function parse(query: string, options: Partial<ListQueryOptions> = {}): ParsedListQuery {
  return parseListQuery(new URLSearchParams(query), { now: NOW, method: 'GET', ...options });
}

/** The HttpError thrown by parsing `query` (fails when it returns or throws something else). */
function error(query: string, options: Partial<ListQueryOptions> = {}): HttpError {
  try {
    parse(query, options);
  } catch (caught) {
    if (isCoreError(caught, 'HTTP_ERROR')) return caught as HttpError;
    throw caught;
  }
  throw new Error(`expected ${query} to be refused`);
}

function expect400(
  query: string,
  name: string,
  description: string,
  options: Partial<ListQueryOptions> = {},
) {
  const failure = error(query, options);
  expect(failure.status).toBe(400);
  expect(failure.errno).toBe(107);
  expect(failure.error).toBe('Invalid parameters');
  expect(failure.details).toEqual([{ location: 'querystring', name, description }]);
  return failure;
}

const STRICT = { strict: { fields: ['title', 'author'] } };

describe('polling parameters (§6)', () => {
  it('F-SYNC-01 _since/_before are last_modified gt/lt filters and include tombstones', () => {
    const parsed = parse('_since=123&_before=456');
    expect(parsed.filters).toEqual([
      { field: 'last_modified', operator: 'gt', value: 123 },
      { field: 'last_modified', operator: 'lt', value: 456 },
    ]);
    expect(parsed.hasTimestampFilter).toBe(true);
    expect(parsed.deprecations).toEqual([]);
  });

  it('F-SYNC-01 accepts a quoted integer (ETag form)', () => {
    expect(parse('_since="1437035923844"').filters).toEqual([
      { field: 'last_modified', operator: 'gt', value: 1437035923844 },
    ]);
  });

  it('F-SYNC-01 _since=null means absent (kinto#2595)', () => {
    const parsed = parse('_since=null&_before=null');
    expect(parsed.filters).toEqual([]);
    expect(parsed.hasTimestampFilter).toBe(false);
  });

  it('F-SYNC-01 _to is a deprecated alias of _before', () => {
    const parsed = parse('_to=42');
    expect(parsed.filters).toEqual([{ field: 'last_modified', operator: 'lt', value: 42 }]);
    expect(parsed.deprecations).toEqual([
      { param: '_to', message: '_to is now deprecated, you should use _before instead' },
    ]);
  });

  it('F-SYNC-01 accepts 0 and values up to now + 24 h (exclusive)', () => {
    expect(parse('_since=0').filters[0]?.value).toBe(0);
    expect(parse(`_since=${NOW + DAY - 1}`).filters[0]?.value).toBe(NOW + DAY - 1);
    expect400(`_since=${NOW + DAY}`, '_since', 'Invalid value for _since');
  });

  it.each([
    ['empty', ''],
    ['blank', '%20'],
    ['negative', '-1'],
    ['decimal', '1.5'],
    ['exponent', '1e3'],
    ['plus sign', '%2B12'],
    ['word', 'abc'],
    ['boolean', 'true'],
    ['unbalanced quote', '%22123'],
    ['trailing quote', '123%22'],
    ['quoted text', '%22abc%22'],
    ['single quotes', "'123'"],
    ['object', '%7B%22a%22%3A1%7D'],
    ['list', '%5B1%5D'],
    ['huge', '99999999999999999999999999'],
    ['2^63', '9223372036854775808'],
    ['NUL', '12%0034'],
    ['far future', String(NOW * 10)],
  ])('F-SYNC-01 refuses _since %s (LESSONS §14)', (_label, value) => {
    const failure = expect400(`_since=${value}`, '_since', 'Invalid value for _since');
    expect(failure.message).toBe('Invalid value for _since');
  });

  it('F-SYNC-01 names the parameter in _before and _to errors', () => {
    expect400('_before=x', '_before', 'Invalid value for _before');
    expect400('_to=x', '_to', 'Invalid value for _to');
  });
});

describe('value parsing (§7.1)', () => {
  const value = (query: string) => parse(query).filters[0]?.value;

  it('F-FLT-01 parses JSON, else keeps the string', () => {
    expect(value('author=2')).toBe(2);
    expect(value('author=%222%22')).toBe('2');
    expect(value('author=Ben')).toBe('Ben');
    expect(value('x=true')).toBe(true);
    expect(value('x=false')).toBe(false);
    expect(value('x=null')).toBe(null);
    expect(value('x=[1,2]')).toEqual([1, 2]);
    expect(value('x=%7B%22a%22%3A1%7D')).toEqual({ a: 1 });
    expect(value('status=1.2.3')).toBe('1.2.3');
    expect(value('status=(1,2,3)')).toBe('(1,2,3)');
    expect(value('x=')).toBe('');
    expect(value('x=-0.5')).toBe(-0.5);
  });

  it('F-FLT-01 keeps values JSON cannot carry as strings', () => {
    expect(value('x=1e400')).toBe('1e400');
    expect(value('x=NaN')).toBe('NaN');
    expect(value('x=Infinity')).toBe('Infinity');
    const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
    expect(value(`x=${deep}`)).toBe(deep);
  });

  it('F-FLT-01 in_ / exclude_ split on commas and parse each element', () => {
    expect(parse('in_status=1,2,%223%22').filters).toEqual([
      { field: 'status', operator: 'in', value: [1, 2, '3'] },
    ]);
    expect(parse('exclude_status=a,true').filters).toEqual([
      { field: 'status', operator: 'exclude', value: ['a', true] },
    ]);
    expect(value('in_status=')).toEqual(['']);
  });

  it('F-FLT-01 contains_ / contains_any_ parse the whole value; a non-array becomes one element', () => {
    expect(parse('contains_tags=["a","b"]').filters).toEqual([
      { field: 'tags', operator: 'contains', value: ['a', 'b'] },
    ]);
    expect(parse('contains_any_tags=[1,{"a":2}]').filters).toEqual([
      { field: 'tags', operator: 'contains_any', value: [1, { a: 2 }] },
    ]);
    expect(value('contains_tags=red,blue')).toEqual(['red,blue']);
    expect(value('contains_tags=3')).toEqual([3]);
    expect(value('contains_tags={"id":1}')).toEqual([{ id: 1 }]);
  });

  it.each([
    ['name', 'field%00=%222%22'],
    ['value', 'field=%22%00%22'],
    ['escaped value', 'field=%22%5Cu0000%22'],
    ['list element', 'in_field=a,b%00'],
    ['object key', 'field=%7B%22a%5Cu0000%22%3A1%7D'],
  ])('F-FLT-01 refuses a NUL character in the %s (kinto#1704, #3738)', (_label, query) => {
    const failure = error(query);
    expect(failure.status).toBe(400);
    expect(failure.errno).toBe(107);
    expect(failure.message).toContain('Invalid character 0x00');
  });

  it('F-FLT-01 a later occurrence of a parameter replaces the earlier one (Kinto MultiDict)', () => {
    expect(parse('a=1&b=2&a=3').filters).toEqual([
      { field: 'a', operator: 'eq', value: 3 },
      { field: 'b', operator: 'eq', value: 2 },
    ]);
    expect(parse('_limit=5&_limit=7').limit).toBe(7);
    expect(parse('_since=1&_since=null').filters).toEqual([]);
  });
});

describe('operators (§7.2)', () => {
  it.each([
    ['title=x', 'eq', 'title'],
    ['eq_title=x', 'eq', 'title'],
    ['not_title=x', 'not', 'title'],
    ['lt_title=x', 'lt', 'title'],
    ['gt_title=x', 'gt', 'title'],
    ['min_title=x', 'min', 'title'],
    ['max_title=x', 'max', 'title'],
    ['like_title=x', 'like', 'title'],
    ['eq_in_stock=x', 'eq', 'in_stock'],
    ['author.name=x', 'eq', 'author.name'],
    ['min_author.age=x', 'min', 'author.age'],
    ['madmax_status=x', 'eq', 'madmax_status'],
    ['in_foo-bar=x', 'eq', 'in_foo-bar'],
    ['lt_=x', 'eq', 'lt_'],
    ['gt_títle=x', 'gt', 'títle'],
  ])('F-FLT-02 %s is %s on %s', (query, operator, field) => {
    const [filter] = parse(query).filters;
    expect(filter).toMatchObject({ operator, field });
  });

  it('F-FLT-02 contains_any_ is not read as contains_ on any_...', () => {
    expect(parse('contains_any_tags=1').filters[0]).toMatchObject({
      operator: 'contains_any',
      field: 'tags',
    });
    // As Kinto's regex: `contains_` followed by the valid field name `any`.
    expect(parse('contains_any=1').filters[0]).toMatchObject({ operator: 'contains', field: 'any' });
  });

  it('F-FLT-02 examples of the spec', () => {
    expect(parse('min_age=18&like_name=jo*').filters).toEqual([
      { field: 'age', operator: 'min', value: 18 },
      { field: 'name', operator: 'like', value: 'jo*' },
    ]);
    expect(parse('has_author=false').filters).toEqual([{ field: 'author', operator: 'has', value: false }]);
    expect(parse('author.name=%22Bob%22').filters).toEqual([
      { field: 'author.name', operator: 'eq', value: 'Bob' },
    ]);
  });

  it('F-FLT-02 like_ needs a string value (§14.2 example)', () => {
    const failure = expect400('like_title=10', 'like_title', 'Invalid value for like_title');
    expect(failure.message).toBe('Invalid value for like_title');
    expect(parse('like_title=%2210%22').filters[0]?.value).toBe('10');
    expect400('like_title=[1]', 'like_title', 'Invalid value for like_title');
    expect400('like_title=null', 'like_title', 'Invalid value for like_title');
  });

  it.each([
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['null', false],
    ['', false],
    ['[]', false],
    ['yes', true],
    ['%22%22', false],
  ])('F-FLT-02 has_f=%s is %s (Python truthiness, as Kinto)', (raw, expected) => {
    expect(parse(`has_f=${raw}`).filters).toEqual([{ field: 'f', operator: 'has', value: expected }]);
  });

  it('F-FLT-02 parameters starting with _ are ignored unless recognized', () => {
    const parsed = parse('_foo=1&_=2&__proto__=3&_expected=4&%20=5');
    expect(parsed.filters).toEqual([]);
  });

  it('F-FLT-02 a filter named __proto__ stays a plain filter', () => {
    expect(parse('not___proto__=1').filters).toEqual([{ field: '__proto__', operator: 'not', value: 1 }]);
  });
});

describe('special fields (§7.2)', () => {
  it('F-FLT-02 id values are strings', () => {
    expect(parse('id=12').filters).toEqual([{ field: 'id', operator: 'eq', value: '12' }]);
    expect(parse('id=%2212%22').filters[0]?.value).toBe('12');
    expect(parse('not_id=1.50').filters[0]?.value).toBe('1.50');
    expect(parse('gt_id=null').filters[0]?.value).toBe('null');
    expect(parse('in_id=a,%22b%22').filters).toEqual([{ field: 'id', operator: 'in', value: ['a', 'b'] }]);
  });

  it('F-FLT-02 in_id / exclude_id with non-string elements are refused', () => {
    expect(expect400('in_id=0,1', 'in_id', 'Invalid value for in_id').message).toContain('in_id');
    expect400('exclude_id=a,1', 'exclude_id', 'Invalid value for exclude_id');
    expect400('like_id=10', 'like_id', 'Invalid value for like_id');
  });

  it('F-FLT-02 last_modified values must be timestamps, for every operator', () => {
    expect(parse('last_modified=123').filters).toEqual([
      { field: 'last_modified', operator: 'eq', value: 123 },
    ]);
    expect(parse('gt_last_modified=%22123%22').filters[0]?.value).toBe(123);
    expect(parse('in_last_modified=1,2').filters[0]?.value).toEqual([1, 2]);
    for (const query of [
      'last_modified=',
      'last_modified=abc',
      'last_modified=null',
      'lt_last_modified=-1',
      'min_last_modified=1.5',
      'max_last_modified=99999999999999999999',
      `not_last_modified=${NOW + DAY}`,
      'like_last_modified=%2212*%22',
      'in_last_modified=a,b',
      'in_last_modified=%221%22',
      'exclude_last_modified=1,',
      'exclude_last_modified=1.0',
    ]) {
      const param = query.split('=')[0] as string;
      expect400(query, param, `Invalid value for ${param}`);
    }
  });

  it('F-FLT-02 any last_modified filter lists tombstones; other filters do not', () => {
    expect(parse('gt_last_modified=1').hasTimestampFilter).toBe(true);
    expect(parse('has_last_modified=true').hasTimestampFilter).toBe(true);
    expect(parse('in_last_modified=5').hasTimestampFilter).toBe(true);
    expect(parse('title=a&deleted=true').hasTimestampFilter).toBe(false);
  });

  it('F-FLT-02 contains_ / contains_any_ on id or last_modified are refused (kinto#3563)', () => {
    expect400('contains_id=["a"]', 'contains_id', "Field 'id' is not an array");
    expect400('contains_any_id=a', 'contains_any_id', "Field 'id' is not an array");
    expect400(
      'contains_last_modified=[1]',
      'contains_last_modified',
      "Field 'last_modified' is not an array",
    );
  });
});

describe('strict schemas (§7.2, §8, §10)', () => {
  it('F-FLT-02 unknown filter field → 400 naming the parameter', () => {
    const failure = expect400('foo=1', 'foo', "Unknown filter field 'foo'", STRICT);
    expect(failure.message).toBe("Unknown filter field 'foo'");
    expect400('madmax_title=1', 'madmax_title', "Unknown filter field 'madmax_title'", STRICT);
    expect400('in_foo.bar=1', 'in_foo.bar', "Unknown filter field 'in_foo.bar'", STRICT);
  });

  it('F-FLT-02 known root fields and built-in fields pass', () => {
    const parsed = parse('title=a&author.name=b&id=c&gt_last_modified=1&deleted=true', STRICT);
    expect(parsed.filters.map((filter) => filter.field)).toEqual([
      'title',
      'author.name',
      'id',
      'last_modified',
      'deleted',
    ]);
  });

  it('F-SORT-01 unknown sort field → 400', () => {
    expect400('_sort=title,-foo', '_sort', "Unknown sort field 'foo'", STRICT);
    expect(parse('_sort=-author.name', STRICT).sort[0]).toEqual({ field: 'author.name', direction: 'desc' });
  });

  it('F-FLD-01 unknown _fields root → 400', () => {
    expect400('_fields=title,foo,bar.baz', '_fields', 'Fields foo,bar do not exist', STRICT);
    expect(parse('_fields=title,author.name,id', STRICT).fields).toEqual(['title', 'author.name', 'id']);
  });

  it('F-FLT-02 schemaless resources accept any field', () => {
    expect(parse('foo=1&_sort=foo&_fields=bar').filters).toHaveLength(1);
  });
});

describe('_sort (§8)', () => {
  const sort = (raw: string) => parse(`_sort=${encodeURIComponent(raw)}`).sort;

  it('F-SORT-01 default order is last_modified descending', () => {
    expect(parse('').sort).toEqual([{ field: 'last_modified', direction: 'desc' }]);
  });

  it('F-SORT-01 parses directions and appends last_modified desc', () => {
    expect(sort('f1,-f2,+f3')).toEqual([
      { field: 'f1', direction: 'asc' },
      { field: 'f2', direction: 'desc' },
      { field: 'f3', direction: 'asc' },
      { field: 'last_modified', direction: 'desc' },
    ]);
  });

  it('F-SORT-01 keeps an explicit last_modified criterion without appending another', () => {
    expect(sort('last_modified,title')).toEqual([
      { field: 'last_modified', direction: 'asc' },
      { field: 'title', direction: 'asc' },
    ]);
    expect(sort('-last_modified')).toEqual([{ field: 'last_modified', direction: 'desc' }]);
  });

  it('F-SORT-01 skips malformed entries, trims spaces, keeps dotted fields', () => {
    expect(sort(' -a.b , ,--x,+-y,a b,$z,c')).toEqual([
      { field: 'a.b', direction: 'desc' },
      { field: 'c', direction: 'asc' },
      { field: 'last_modified', direction: 'desc' },
    ]);
  });

  it('F-SORT-01 a repeated field keeps its first direction', () => {
    expect(sort('a,-a')).toEqual([
      { field: 'a', direction: 'asc' },
      { field: 'last_modified', direction: 'desc' },
    ]);
  });
});

describe('_limit, _token and _fields', () => {
  it('F-PAG-01 _limit is a non-negative integer', () => {
    expect(parse('').limit).toBeNull();
    expect(parse('_limit=0').limit).toBe(0);
    expect(parse('_limit=10').limit).toBe(10);
    expect(parse('_limit=%2210%22').limit).toBe(10);
    expect(parse('_limit=null').limit).toBeNull();
  });

  it('F-PAG-01 huge _limit values up to 2^63 are clamped, never overflow (kinto#1076)', () => {
    expect(parse('_limit=9223372036854775808').limit).toBe(Number.MAX_SAFE_INTEGER);
    expect(parse('_limit=9007199254740993').limit).toBe(Number.MAX_SAFE_INTEGER);
    expect400('_limit=9223372036854775809', '_limit', 'Invalid value for _limit');
  });

  it.each(['', '-1', '1.5', 'abc', 'true', '[1]', '1e2'])('F-PAG-01 _limit=%s → 400', (raw) => {
    expect400(`_limit=${raw}`, '_limit', 'Invalid value for _limit');
  });

  it('F-PAG-02 _token is passed raw; empty means absent', () => {
    expect(parse('_token=t1.abc.def').token).toBe('t1.abc.def');
    expect(parse('_token=').token).toBeNull();
    expect(parse('').token).toBeNull();
  });

  it('F-FLD-01 _fields entries are trimmed; empty _fields projects to id and last_modified only', () => {
    expect(parse('_fields=title,%20author.name,,title').fields).toEqual(['title', 'author.name']);
    expect(parse('_fields=').fields).toEqual([]);
    expect(parse('').fields).toBeNull();
  });

  it('F-MTH-04 DELETE ignores _fields but honours _sort, _limit and _token', () => {
    const parsed = parse('_fields=foo&_sort=-title&_limit=2&_token=x', { method: 'DELETE', ...STRICT });
    expect(parsed.fields).toBeNull();
    expect(parsed.sort[0]).toEqual({ field: 'title', direction: 'desc' });
    expect(parsed.limit).toBe(2);
    expect(parsed.token).toBe('x');
    expect400('_sort=-a', '_sort', "Unknown sort field 'a'", { method: 'DELETE', ...STRICT });
  });

  it('F-MTH-02 HEAD validates like GET', () => {
    expect400('_fields=foo', '_fields', 'Fields foo do not exist', { method: 'HEAD', ...STRICT });
  });
});
