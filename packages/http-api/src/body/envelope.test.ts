import { describe, expect, it } from 'vitest';
import { thrown } from '../testing/thrown.ts';
import { parseEnvelope } from './envelope.ts';

const options = { allowedPermissions: ['read', 'write', 'record:create'] };

describe('parseEnvelope', () => {
  it('F-RES-03 returns data as sent (the request owns its parsed body) and permissions deduplicated', () => {
    const body = { data: { a: { b: 1 } }, permissions: { read: ['x', 'y', 'x'] } };
    const parsed = parseEnvelope(body, options);
    expect(parsed).toEqual({ data: { a: { b: 1 } }, permissions: { read: ['x', 'y'] } });
    expect(parsed.data).toBe(body.data);
  });

  it('F-RES-03 an empty body gives neither data nor permissions; {} likewise', () => {
    expect(parseEnvelope(undefined, options)).toEqual({ data: undefined, permissions: undefined });
    expect(parseEnvelope({}, options)).toEqual({ data: undefined, permissions: undefined });
  });

  it('F-RES-03 an unknown top-level key → 400 naming it', () => {
    const error = thrown(() => parseEnvelope({ data: {}, datta: {} }, options));
    expect(error.status).toBe(400);
    expect(error.errno).toBe(107);
    expect(error.message).toBe(`Unrecognized keys in mapping: "{'datta': {}}"`);
  });

  it('F-RES-03 a body that is not an object → 400', () => {
    for (const body of [null, [1], 'text', 3, true]) {
      const error = thrown(() => parseEnvelope(body, options));
      expect(error.status).toBe(400);
      expect(error.message).toContain('is not a mapping type');
    }
  });

  it('F-RES-03 data must be an object', () => {
    const error = thrown(() => parseEnvelope({ data: [1, 2] }, options));
    expect(error.message).toBe(
      'data in body: "[1, 2]" is not a mapping type: Does not implement dict-like functionality.',
    );
    expect(error.details).toEqual([
      {
        location: 'body',
        name: 'data',
        description: '"[1, 2]" is not a mapping type: Does not implement dict-like functionality.',
      },
    ]);
  });

  it('F-RES-03 an unknown permission name → 400 worded as Kinto', () => {
    const error = thrown(() => parseEnvelope({ permissions: { 'collection:create': ['a'] } }, options));
    expect(error.details).toEqual([
      {
        location: 'body',
        name: 'permissions',
        description: '"collection:create" is not one of read, write, record:create',
      },
    ]);
  });

  it('F-ERR-02 a non-list permission → "permissions.read in body: \\"book\\" is not iterable"', () => {
    const error = thrown(() => parseEnvelope({ permissions: { read: 'book' } }, options));
    expect(error.message).toBe('permissions.read in body: "book" is not iterable');
    expect(error.details).toEqual([
      { location: 'body', name: 'permissions.read', description: '"book" is not iterable' },
    ]);
    expect(thrown(() => parseEnvelope({ permissions: { read: { a: true } } }, options)).message).toBe(
      `permissions.read in body: "{'a': True}" is not iterable`,
    );
  });

  it('F-RES-03 non-string principals → 400 naming the entry', () => {
    const error = thrown(() => parseEnvelope({ permissions: { write: ['ok', 42, ''] } }, options));
    expect(error.details).toEqual([
      { location: 'body', name: 'permissions.write.1', description: '42 is not a string' },
      { location: 'body', name: 'permissions.write.2', description: 'Required' },
    ]);
  });

  it('F-RES-03 permissions must be a mapping; both data and permissions errors are reported', () => {
    const error = thrown(() => parseEnvelope({ data: 'x', permissions: ['read'] }, options));
    expect((error.details as Array<{ name: string }>).map((detail) => detail.name)).toEqual([
      'data',
      'permissions',
    ]);
  });

  it('F-RES-03 null permission entries are dropped (Kinto ignores them on POST/PUT)', () => {
    expect(parseEnvelope({ permissions: { read: null, write: ['a'] } }, options).permissions).toEqual({
      write: ['a'],
    });
  });

  it('F-RES-03 with no permission set declared, any name is accepted', () => {
    expect(parseEnvelope({ permissions: { anything: ['a'] } }, { allowedPermissions: [] })).toEqual({
      data: undefined,
      permissions: { anything: ['a'] },
    });
  });

  it('F-RES-03 too deep bodies are refused with 400, not a stack overflow', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(thrown(() => parseEnvelope({ data: deep }, options)).status).toBe(400);
  });
});
