import { describe, expect, it } from 'vitest';
import { thrown } from '../testing/thrown.ts';
import { checkBodyId, checkPathId, checkPostId } from './check-ids.ts';
import {
  accountIdGenerator,
  idGeneratorByName,
  nameGenerator,
  relaxedUuidGenerator,
  uuid4Generator,
} from './id-generators.ts';

describe('id generators', () => {
  it('F-ID-01 uuid4 generates and accepts lower-case UUIDs only', () => {
    const id = uuid4Generator.generate();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid4Generator.pattern.test('472be9ec-26fe-461b-8282-9c4e4b207ab3')).toBe(true);
    expect(uuid4Generator.pattern.test('472BE9EC-26fe-461b-8282-9c4e4b207ab3')).toBe(false);
    expect(uuid4Generator.pattern.test('abc')).toBe(false);
  });

  it('F-ID-01 name generator: 8 chars, first alphanumeric, all from [A-Za-z0-9_-]', () => {
    const seen = new Set<string>();
    const firsts = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = nameGenerator.generate();
      expect(id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{7}$/);
      expect(nameGenerator.pattern.test(id)).toBe(true);
      seen.add(id);
      firsts.add(id[0]!);
    }
    expect(seen.size).toBe(2000);
    expect(firsts.size).toBeGreaterThan(50);
  });

  it('F-ID-01 relaxed UUID generates UUIDs and accepts any base-pattern id', () => {
    expect(relaxedUuidGenerator.generate()).toMatch(uuid4Generator.pattern);
    expect(relaxedUuidGenerator.pattern.test('my-record_1')).toBe(true);
    expect(relaxedUuidGenerator.pattern.test('_leading')).toBe(false);
    expect(relaxedUuidGenerator.pattern.test('a.b')).toBe(false);
    expect(relaxedUuidGenerator.pattern.test('abc\n')).toBe(false);
  });

  it('F-ID-01 accounts accept e-mail-like ids', () => {
    expect(accountIdGenerator.pattern.test('alice+test@example.com')).toBe(true);
    expect(accountIdGenerator.pattern.test('.alice')).toBe(false);
    expect(accountIdGenerator.generate()).toMatch(accountIdGenerator.pattern);
  });

  it('F-ID-01 generators by name, including Kinto class paths; unknown → TypeError', () => {
    expect(idGeneratorByName('uuid4')).toBe(uuid4Generator);
    expect(idGeneratorByName('name')).toBe(nameGenerator);
    expect(idGeneratorByName('relaxed_uuid')).toBe(relaxedUuidGenerator);
    expect(idGeneratorByName('account')).toBe(accountIdGenerator);
    expect(idGeneratorByName('kinto.views.NameGenerator')).toBe(nameGenerator);
    expect(() => idGeneratorByName('toString')).toThrow(TypeError);
    expect(() => idGeneratorByName('nope')).toThrow(TypeError);
  });
});

describe('id checks', () => {
  it('F-ID-02 an invalid id in the path → 400 errno 107 "Invalid object id", location path', () => {
    checkPathId('abc', nameGenerator);
    for (const id of ['__b__', 'wrong=ids', '', 'a/b']) {
      const error = thrown(() => checkPathId(id, nameGenerator));
      expect(error.status).toBe(400);
      expect(error.errno).toBe(107);
      expect(error.details).toEqual([{ location: 'path', name: null, description: 'Invalid object id' }]);
      expect(error.message).toBe('path: Invalid object id');
    }
  });

  it('F-ID-03 POST data.id: absent → undefined; valid → returned; non-string or mismatch → 400 path', () => {
    expect(checkPostId(undefined, nameGenerator)).toBeUndefined();
    expect(checkPostId({ title: 'x' }, nameGenerator)).toBeUndefined();
    expect(checkPostId({ id: 'good' }, nameGenerator)).toBe('good');
    for (const id of [12, null, 'bad id', { a: 1 }]) {
      const error = thrown(() => checkPostId({ id }, nameGenerator));
      expect(error.details).toEqual([{ location: 'path', name: null, description: 'Invalid object id' }]);
      expect(error.message).toBe('path: Invalid object id');
    }
  });

  it('F-ID-03 PUT/PATCH body id must match the URL id', () => {
    checkBodyId('abc', undefined);
    checkBodyId('abc', { title: 'x' });
    checkBodyId('abc', { id: 'abc' });
    for (const id of ['abd', 1, null]) {
      const error = thrown(() => checkBodyId('abc', { id }));
      expect(error.status).toBe(400);
      expect(error.details).toEqual([
        { location: 'body', name: 'id', description: 'Object id does not match existing object' },
      ]);
    }
  });
});
