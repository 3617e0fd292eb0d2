import { describe, expect, it } from 'vitest';
import { projectFields } from './fields.ts';

const OBJECT = {
  id: 'abc',
  last_modified: 1234,
  title: 'MoFo',
  author: { name: 'Bob', age: 42, address: { city: 'Paris', zip: '75' } },
  tags: ['a'],
  location: 'Creuse',
};

describe('projectFields (§10)', () => {
  it('F-FLD-01 keeps the requested fields plus id and last_modified', () => {
    expect(projectFields(OBJECT, ['title'])).toEqual({ id: 'abc', last_modified: 1234, title: 'MoFo' });
    expect(projectFields(OBJECT, [])).toEqual({ id: 'abc', last_modified: 1234 });
  });

  it('F-FLD-01 dotted entries select nested keys and merge', () => {
    expect(projectFields(OBJECT, ['author.name', 'author.address.city'])).toEqual({
      id: 'abc',
      last_modified: 1234,
      author: { name: 'Bob', address: { city: 'Paris' } },
    });
  });

  it('F-FLD-01 a whole field absorbs its parts, whatever the order', () => {
    const expected = { id: 'abc', last_modified: 1234, author: OBJECT.author };
    expect(projectFields(OBJECT, ['author.name', 'author'])).toEqual(expected);
    expect(projectFields(OBJECT, ['author', 'author.name'])).toEqual(expected);
  });

  it('F-FLD-01 non-object parent → whole field; missing fields omitted', () => {
    expect(projectFields(OBJECT, ['location.city', 'tags.0', 'nope', 'author.nope', 'nope.deeper'])).toEqual({
      id: 'abc',
      last_modified: 1234,
      location: 'Creuse',
      tags: ['a'],
    });
  });

  it('F-FLD-01 prefers a key containing dots, like filters and sorting', () => {
    const object = { id: 'x', last_modified: 1, 'a.b': 1, a: { b: 2 } };
    expect(projectFields(object, ['a.b'])).toEqual({ id: 'x', last_modified: 1, 'a.b': 1 });
  });

  it('F-FLD-01 never mutates the object, and keeps __proto__ as data', () => {
    const object = JSON.parse('{"id":"x","last_modified":1,"__proto__":{"a":1},"n":{"b":1,"c":2}}');
    const snapshot = JSON.stringify(object);
    const projected = projectFields(object, ['__proto__', 'n.b', 'n']);
    expect(JSON.stringify(object)).toBe(snapshot);
    expect(JSON.parse(JSON.stringify(projected))).toEqual(JSON.parse(snapshot));
    expect(Object.getPrototypeOf(projected)).toBe(Object.prototype);
  });
});
