import { isCoreError, type JsonObject, type JsonValue } from '@core/contracts';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { prng } from '../testing/prng.ts';
import { applyPatch, type PatchTarget } from './apply-patch.ts';
import { parseEnvelope } from './envelope.ts';
import { type ResourceSchema, validateData } from './validate-data.ts';

const KEYS = [
  'data',
  'permissions',
  'read',
  'write',
  'record:create',
  'id',
  'last_modified',
  'title',
  'op',
  'path',
  'value',
  'from',
  '__proto__',
  'constructor',
  'toString',
  'prototype',
  '',
  'é',
  '日本',
  '🙂',
  'a.b',
  '~1',
];
const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test', 'delete', '', 'ADD'];
const PATHS = [
  '/data',
  '/data/title',
  '/data/a/b',
  '/data/list/0',
  '/data/list/-',
  '/data/__proto__/x',
  '/data/constructor/prototype/x',
  '/permissions',
  '/permissions/read',
  '/permissions/read/alice',
  '/permissions/write/bob',
  '/permissions/record:create/x',
  '/permissions/admin/x',
  '/data/~1x',
  'data',
  '',
  '/',
];

function generator(random: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const string = (): string => {
    const alphabets = ['abc', 'é\u0000\n"\\', '日本語', '🙂\uD83D', KEYS.join('')];
    let text = '';
    const length = Math.floor(random() * 6);
    for (let i = 0; i < length; i++) text += pick([...pick(alphabets)]);
    return random() < 0.3 ? pick(KEYS) : text;
  };
  const value = (depth: number): JsonValue => {
    const roll = random();
    if (depth > 4 || roll < 0.3) {
      return pick<JsonValue>([null, true, false, 0, -1, 1.5, 2 ** 53 + 2, -0, 1e308, string(), string()]);
    }
    if (roll < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    const object: JsonObject = {};
    const size = Math.floor(random() * 4);
    for (let i = 0; i < size; i++) {
      Object.defineProperty(object, string(), {
        value: value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  };
  const nested = (levels: number): JsonValue => {
    let current: JsonValue = pick<JsonValue>([{}, [], 'x']);
    for (let i = 0; i < levels; i++) current = random() < 0.5 ? [current] : { a: current };
    return current;
  };
  const operation = (): JsonValue => {
    if (random() < 0.1) return value(2);
    const op: JsonObject = {};
    if (random() < 0.95) op.op = random() < 0.9 ? pick(OPS) : value(3);
    if (random() < 0.95) op.path = random() < 0.9 ? pick(PATHS) : value(3);
    if (random() < 0.3) op.from = random() < 0.9 ? pick(PATHS) : value(3);
    if (random() < 0.6) op.value = value(2);
    if (random() < 0.05) op[string()] = value(3);
    return op;
  };
  const permissions = (): JsonValue => {
    if (random() < 0.15) return value(2);
    const perms: JsonObject = {};
    for (const perm of ['read', 'write', 'record:create', 'admin', string()]) {
      if (random() < 0.4) {
        perms[perm] =
          random() < 0.7
            ? Array.from({ length: Math.floor(random() * 3) }, () => (random() < 0.9 ? string() : value(3)))
            : value(3);
      }
    }
    return perms;
  };
  const body = (): unknown => {
    const roll = random();
    if (roll < 0.05) return undefined;
    if (roll < 0.1) return nested(100 + Math.floor(random() * 400));
    if (roll < 0.3) return Array.from({ length: Math.floor(random() * 5) }, operation);
    if (roll < 0.4) return value(0);
    const envelope: JsonObject = {};
    if (random() < 0.7) envelope.data = random() < 0.85 ? (value(1) as JsonObject) : value(3);
    if (random() < 0.5) envelope.permissions = permissions();
    if (random() < 0.05) envelope[string()] = value(3);
    if (random() < 0.05) envelope.data = nested(200);
    return envelope;
  };
  const storedTarget = (): PatchTarget => {
    const data = value(0);
    const object: JsonObject = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
    object.id = 'abc';
    object.last_modified = 1;
    object.list = [1, 2];
    return { data: object, permissions: { read: ['alice'], write: ['bob', 'alice'] } };
  };
  return { body, storedTarget, value, pick };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

function objectsOf(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null) {
    into.add(value);
    for (const key of Object.keys(value)) objectsOf((value as Record<string, unknown>)[key], into);
  }
  return into;
}

function expectOnly400(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    if (!(isCoreError(error, 'HTTP_ERROR') && error.status === 400)) throw error;
    expect(error.errno).toBe(107);
    expect(typeof error.message).toBe('string');
    return undefined;
  }
}

const schema: ResourceSchema = {
  fields: v.looseObject({ title: v.optional(v.string()), list: v.optional(v.array(v.number())) }),
  readonlyFields: ['id'],
};
const options = { allowedPermissions: ['read', 'write', 'record:create'] };

describe('bodies from a hostile client (property test)', () => {
  it('F-RES-03 F-MTH-07 F-MTH-09 F-MTH-10 F-RES-07 2,000 random bodies: result or HttpError 400, stored never touched', () => {
    const random = prng(0xc0ffee);
    const { body: randomBody, storedTarget, pick } = generator(random);
    let succeeded = 0;
    for (let i = 0; i < 2000; i++) {
      const stored = deepFreeze(storedTarget());
      const snapshot = JSON.stringify(stored);
      const storedObjects = objectsOf(stored);
      const body = randomBody();

      const envelope = expectOnly400(() => parseEnvelope(body, options));
      const kind = pick(['json', 'merge-patch', 'json-patch'] as const);
      const patched = expectOnly400(() => applyPatch(kind, stored, body, options)) as
        | ReturnType<typeof applyPatch>
        | undefined;
      const candidate = (patched?.data ??
        (envelope as { data?: JsonObject } | undefined)?.data ??
        body) as JsonObject;
      const validated = expectOnly400(() => validateData(candidate, schema, { existing: stored.data }));

      expect(JSON.stringify(stored)).toBe(snapshot);
      for (const result of [envelope, patched, validated]) {
        for (const object of objectsOf(result)) expect(storedObjects.has(object)).toBe(false);
      }
      if (patched !== undefined) {
        succeeded++;
        expect(Object.getPrototypeOf(patched.data)).toBe(Object.prototype);
        for (const principals of Object.values(patched.permissions)) {
          expect(principals.every((principal) => typeof principal === 'string')).toBe(true);
        }
      }
    }
    // The generator must exercise the success paths too, not only rejections.
    expect(succeeded).toBeGreaterThan(200);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
