import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { thrown } from '../testing/thrown.ts';
import { type ResourceSchema, schemaFieldNames, validateData } from './validate-data.ts';

const article: ResourceSchema = {
  fields: v.object({
    title: v.pipe(v.string(), v.minLength(1)),
    views: v.optional(v.number(), 0),
    meta: v.optional(v.object({ lang: v.string(), tags: v.optional(v.array(v.string())) })),
    reference: v.optional(v.string()),
  }),
  readonlyFields: ['reference'],
};

describe('validateData', () => {
  it('F-RES-03 schemaless: data kept as is (copied), server fields untouched', () => {
    const data = { id: 'x', last_modified: 'abc', anything: { deep: [1] } };
    const result = validateData(data, undefined);
    expect(result).toEqual(data);
    expect(result.anything).not.toBe(data.anything);
  });

  it('F-TK-RES-01 fields are validated; defaults applied; unknown fields kept by default', () => {
    const result = validateData({ id: 'x', last_modified: 5, title: 'Hi', other: 1 }, article);
    expect(result).toEqual({ id: 'x', last_modified: 5, title: 'Hi', views: 0, other: 1 });
  });

  it('F-TK-RES-01 strict: unknown fields dropped, id and last_modified kept', () => {
    const result = validateData(
      { id: 'x', last_modified: 5, title: 'Hi', other: 1 },
      { ...article, strict: true },
    );
    expect(result).toEqual({ id: 'x', last_modified: 5, title: 'Hi', views: 0 });
  });

  it('F-RES-07 issues → 400 errno 107, one detail per field named data.<path>, sorted', () => {
    const error = thrown(() => validateData({ views: 'many', meta: { lang: 3, tags: ['a', 4] } }, article));
    expect(error.status).toBe(400);
    expect(error.errno).toBe(107);
    expect(error.error).toBe('Invalid parameters');
    const details = error.details as Array<{ location: string; name: string; description: string }>;
    expect(details.map((detail) => detail.name)).toEqual([
      'data.meta.lang',
      'data.meta.tags.1',
      'data.title',
      'data.views',
    ]);
    expect(details.every((detail) => detail.location === 'body')).toBe(true);
    expect(details.find((detail) => detail.name === 'data.title')?.description).toBe('Required');
    expect(error.message).toBe(`data.meta.lang in body: ${details[0]!.description}`);
  });

  it('F-MTH-12 read-only fields cannot change once set', () => {
    const existing = { id: 'x', last_modified: 1, title: 'T', reference: 'R1' };
    const error = thrown(() => validateData({ title: 'T', reference: 'R2' }, article, { existing }));
    expect(error.details).toEqual([
      { location: 'body', name: 'reference', description: 'Cannot modify reference' },
    ]);
    expect(error.message).toBe('Cannot modify reference');
    expect(thrown(() => validateData({ title: 'T' }, article, { existing })).message).toBe(
      'Cannot modify reference',
    );
    expect(validateData({ title: 'T', reference: 'R1' }, article, { existing }).reference).toBe('R1');
    // A read-only field the stored object lacks may be set (Kinto compares with the stored value).
    expect(
      validateData({ title: 'T', reference: 'new' }, article, { existing: { title: 'T' } }).reference,
    ).toBe('new');
    // On creation there is nothing to compare with.
    expect(validateData({ title: 'T', reference: 'any' }, article).reference).toBe('any');
  });

  it('F-MTH-12 read-only applies to schemaless resources too', () => {
    const schema: ResourceSchema = { readonlyFields: ['owner'] };
    expect(thrown(() => validateData({ owner: 'b' }, schema, { existing: { owner: 'a' } })).message).toBe(
      'Cannot modify owner',
    );
  });

  it('F-TK-RES-01 the whole object failing a schema-level check is named data', () => {
    const schema: ResourceSchema = {
      fields: v.pipe(
        v.looseObject({ a: v.optional(v.number()), b: v.optional(v.number()) }),
        v.check((input) => input.a !== input.b, 'a and b must differ'),
      ),
    };
    expect(thrown(() => validateData({ a: 1, b: 1 }, schema)).details).toEqual([
      { location: 'body', name: 'data', description: 'a and b must differ' },
    ]);
  });

  it('F-TK-RES-01 schemaFieldNames lists declared fields', () => {
    expect(schemaFieldNames(article)).toEqual(['title', 'views', 'meta', 'reference']);
    expect(schemaFieldNames(undefined)).toBeUndefined();
  });

  it('F-RES-03 never mutates its input', () => {
    const data = Object.freeze({ title: 'T', meta: Object.freeze({ lang: 'fr' }), id: 'x' });
    expect(validateData(data, { ...article, strict: true })).toEqual({
      title: 'T',
      views: 0,
      meta: { lang: 'fr' },
      id: 'x',
    });
  });
});
