import type { Filter } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { defineResource } from './definition.ts';
import { testApp } from './testing.ts';

const asStrings = (filters: readonly Filter[]): Filter[] =>
  filters.map((filter) =>
    filter.field === 'code' && typeof filter.value === 'number'
      ? { ...filter, value: String(filter.value) }
      : filter,
  );

const codes = defineResource({
  name: 'code',
  pluralPath: '/codes',
  objectPath: '/codes/:id',
  listFilters: asStrings,
});

describe('listFilters', () => {
  it('rewrites the parsed filters of GET, HEAD and DELETE, pagination tokens included', async () => {
    const { call } = testApp({ resources: [codes] });
    for (const code of ['2', '2', '3']) await call('POST', '/v1/codes', { body: { data: { code } } });
    const page = await call('GET', '/v1/codes?code=2&_limit=1');
    expect(page.json.data).toHaveLength(1);
    const next = page.headers.get('Next-Page')!;
    const rest = await call('GET', next.slice(next.indexOf('/v1')));
    expect([rest.status, rest.json.data.length]).toEqual([200, 1]);
    expect((await call('HEAD', '/v1/codes?code=3')).headers.get('Total-Objects')).toBe('1');
    const deleted = await call('DELETE', '/v1/codes?code=2');
    expect(deleted.json.data).toHaveLength(2);
    expect((await call('GET', '/v1/codes')).json.data.map((o: { code: string }) => o.code)).toEqual(['3']);
  });
});
