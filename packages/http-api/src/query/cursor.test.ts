import { describe, expect, it } from 'vitest';
import { cursorFromObject } from './cursor.ts';

describe('cursorFromObject', () => {
  const sort = [
    { field: 'title', direction: 'asc' },
    { field: 'author.name', direction: 'desc' },
    { field: 'last_modified', direction: 'desc' },
  ] as const;

  it('F-PAG-02 holds each sort value and the id', () => {
    const object = { id: 'x', last_modified: 5, title: 'T', author: { name: 'Bob', age: 3 }, other: 1 };
    expect(cursorFromObject(object, sort)).toEqual({
      title: 'T',
      'author.name': 'Bob',
      last_modified: 5,
      id: 'x',
    });
  });

  it('F-PAG-02 omits missing fields, keeps null values', () => {
    expect(cursorFromObject({ id: 'x', last_modified: 5, title: null, author: 'Bob' }, sort)).toEqual({
      title: null,
      last_modified: 5,
      id: 'x',
    });
  });

  it('F-PAG-02 resolves dotted paths like the storage: longest dotted key wins (#1116)', () => {
    const object = { id: 'x', 'author.name': 'dotted', author: { name: 'nested' } };
    expect(cursorFromObject(object, sort)['author.name']).toBe('dotted');
    const deeper = { id: 'x', 'a.b': { c: 1 }, a: { b: { c: 2 } } };
    expect(cursorFromObject(deeper, [{ field: 'a.b.c', direction: 'asc' }])).toEqual({ 'a.b.c': 1, id: 'x' });
  });

  it('F-PAG-02 stores a __proto__ sort field as data', () => {
    const object = JSON.parse('{"id":"x","__proto__":{"polluted":true}}');
    const cursor = cursorFromObject(object, [{ field: '__proto__', direction: 'asc' }]);
    expect(Object.keys(cursor)).toEqual(['__proto__', 'id']);
    expect(JSON.parse(JSON.stringify(cursor))).toEqual(object);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
