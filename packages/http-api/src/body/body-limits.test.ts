import type { HttpError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { thrown } from '../testing/thrown.ts';
import { checkBodyShape, DEFAULT_BODY_LIMITS } from './body-limits.ts';

const limits = { maxDepth: 4, maxObjectKeys: 3, maxArrayItems: 2 };

function refusal(body: unknown, envelopeDepth?: number): { name: string; description: string } {
  const error = thrown(() => checkBodyShape(body, limits, envelopeDepth)) as HttpError;
  expect(error.status).toBe(400);
  expect(error.errno).toBe(107);
  return (error.details as { name: string; description: string }[])[0]!;
}

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = { n: value };
  return value;
}

describe('checkBodyShape', () => {
  it('F-RES-02 accepts bodies at the limits, whatever the JSON types', () => {
    expect(() =>
      checkBodyShape({ data: { a: [1, { b: null }], c: true }, permissions: { read: ['x'] } }, limits),
    ).not.toThrow();
    expect(() => checkBodyShape(nested(3), limits)).not.toThrow();
    expect(() => checkBodyShape('a\u{1F600}b', limits)).not.toThrow(); // a surrogate pair is fine
  });

  it('F-RES-02 refuses a body nested deeper than maxDepth, naming where', () => {
    expect(refusal(nested(5))).toEqual({
      location: 'body',
      name: 'n.n.n.n',
      description: 'Nested deeper than 4 levels',
    });
  });

  it('F-RES-02 a 100,000-level nesting is refused, never a stack overflow', () => {
    let value: unknown = [];
    for (let level = 0; level < 100_000; level++) value = [value];
    expect(refusal(value).description).toBe('Nested deeper than 4 levels');
    expect(() => checkBodyShape(value, { ...DEFAULT_BODY_LIMITS, maxDepth: 200_000 })).not.toThrow();
  });

  it('F-RES-02 refuses objects with more than maxObjectKeys keys and arrays with more than maxArrayItems', () => {
    expect(refusal({ data: { a: 1, b: 2, c: 3, d: 4 } })).toMatchObject({
      name: 'data',
      description: 'More than 3 keys',
    });
    expect(refusal({ data: { tags: [1, 2, 3] } })).toMatchObject({
      name: 'data.tags',
      description: 'More than 2 items',
    });
  });

  it('F-RES-02 refuses NUL and lone surrogates in values and keys, naming the field', () => {
    expect(refusal({ data: { title: 'a\u0000b' } })).toMatchObject({ name: 'data.title' });
    expect(refusal({ data: { tags: ['ok', '\uD800'] } })).toMatchObject({ name: 'data.tags.1' });
    expect(refusal({ data: { 'bad\u0000key': 1 } })).toMatchObject({
      name: 'data.bad\u0000key',
      description: 'Keys may not hold NUL characters nor lone surrogates',
    });
    expect(refusal({ permissions: { read: ['\uDC00x'] } })).toMatchObject({ name: 'permissions.read.0' });
  });

  it('F-RES-02 refuses non-finite numbers (JSON.parse turns 1e400 into Infinity)', () => {
    expect(refusal(JSON.parse('{"data": {"n": 1e400}}'))).toMatchObject({
      name: 'data.n',
      description: 'Numbers must be finite',
    });
  });

  it('F-BATCH-01 an envelope around the bodies does not count against the depth limit', () => {
    const batch = (body: unknown) => ({ requests: [{ path: '/x', body }] });
    expect(() => checkBodyShape(batch(nested(4)), limits, 3)).not.toThrow();
    expect(refusal(batch(nested(5)), 3)).toEqual({
      location: 'body',
      name: 'requests.0.body.n.n.n.n',
      description: 'Nested deeper than 4 levels',
    });
  });

  it('F-RES-02 __proto__ keys are ordinary keys', () => {
    expect(() => checkBodyShape(JSON.parse('{"__proto__": {"x": 1}}'), limits)).not.toThrow();
    expect(refusal(JSON.parse('{"__proto__": {"a": 1, "b": 2, "c": 3, "d": 4}}'))).toMatchObject({
      name: '__proto__',
    });
  });
});
