import type {
  Filter,
  JsonObject,
  JsonValue,
  KeysetCursor,
  ListOptions,
  ObjectData,
  Scope,
  ScopePattern,
  Sort,
  StorageBackend,
  StoredObject,
  StoredOrDeleted,
} from '@core/contracts';
import { expect } from 'vitest';

/** The list the query cases work in. */
export const LIST: Scope = { resource: 'record', parent: '/buckets/q/collections/main' };
/** Same resource, another parent (must never leak into {@link LIST}). */
export const OTHER_LIST: Scope = { resource: 'record', parent: '/buckets/q/collections/other' };
/** Same parent, another resource (must never leak into {@link LIST}). */
export const OTHER_RESOURCE: Scope = { resource: 'history', parent: LIST.parent };

/** A listable pattern. */
export type ListPattern = ScopePattern & { readonly resource: string };

/** Creates each `{id, ...data}` in order (so `last_modified` increases in that order); returns them. */
export async function seed(
  backend: StorageBackend,
  scope: Scope,
  objects: readonly ObjectData[],
): Promise<StoredObject[]> {
  const created: StoredObject[] = [];
  for (const object of objects) created.push(await backend.create(scope, object));
  return created;
}

/** Seeds `{id: name, [field]: value}` for each entry (absent `value` key = field missing). */
export async function seedValues(
  backend: StorageBackend,
  entries: Readonly<Record<string, JsonValue | undefined>>,
  field = 'v',
  scope: Scope = LIST,
): Promise<void> {
  await seed(
    backend,
    scope,
    Object.entries(entries).map(([id, value]) => (value === undefined ? { id } : { id, [field]: value })),
  );
}

/** The ids of `objects`, in order. */
export function idsOf(objects: readonly { readonly id: string }[]): string[] {
  return objects.map((object) => object.id);
}

/** Compares ids as the backends must: by code point. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Sorted copy, by code point. */
export function sorted(ids: readonly string[]): string[] {
  return [...ids].sort(byCodePoint);
}

/** Lists `pattern` with `filters` and asserts the selected ids, in any order; also checks `countAll`. */
export async function expectMatches(
  backend: StorageBackend,
  filters: readonly Filter[],
  expected: readonly string[],
  pattern: ListPattern = LIST,
): Promise<void> {
  const listed = await backend.listAll(pattern, { filters });
  const label = JSON.stringify(filters);
  expect(sorted(idsOf(listed)), label).toEqual(sorted(expected));
  expect(await backend.countAll(pattern, filters), `countAll ${label}`).toBe(expected.length);
}

/** Lists `pattern` with `options` and asserts the ids in order. */
export async function expectOrder(
  backend: StorageBackend,
  options: ListOptions,
  expected: readonly string[],
  pattern: ListPattern = LIST,
): Promise<void> {
  const listed = await backend.listAll(pattern, options);
  expect(idsOf(listed), JSON.stringify(options)).toEqual(expected);
}

/** Resolves a dotted path the way the contract does (longest dotted key first); `undefined` = missing. */
export function resolvePath(object: JsonObject, path: string): JsonValue | undefined {
  if (Object.hasOwn(object, path)) return object[path];
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const prefix = path.slice(0, dot);
    if (!Object.hasOwn(object, prefix)) continue;
    const inner = object[prefix];
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return undefined;
    return resolvePath(inner, path.slice(dot + 1));
  }
  return undefined;
}

/** The keyset cursor of `object` for `sort` (default `last_modified`), with `id` unless told otherwise. */
export function cursorOf(object: JsonObject, sort: readonly Sort[] | undefined, withId = true): KeysetCursor {
  const fields = sort === undefined || sort.length === 0 ? ['last_modified'] : sort.map((s) => s.field);
  const cursor: Record<string, JsonValue> = {};
  for (const field of fields) {
    const value = resolvePath(object, field);
    if (value !== undefined) cursor[field] = value;
  }
  if (withId) cursor.id = object.id as JsonValue;
  return cursor;
}

/**
 * Walks every page of `pattern` with `limit`, each page starting after the last object of the
 * previous one, until an empty page. Fails on a runaway walk (LESSONS §13: a page count that is an
 * exact multiple of the limit must still end).
 */
export async function walkPages(
  backend: StorageBackend,
  pattern: ListPattern,
  options: Omit<ListOptions, 'after' | 'limit'>,
  limit: number,
): Promise<{ objects: StoredOrDeleted[]; pages: number }> {
  const total = (await backend.listAll(pattern, options)).length;
  const objects: StoredOrDeleted[] = [];
  let after: KeysetCursor | undefined;
  let pages = 0;
  for (;;) {
    const page = await backend.listAll(pattern, { ...options, limit, ...(after ? { after } : {}) });
    expect(page.length, `page ${pages + 1} exceeds the limit`).toBeLessThanOrEqual(limit);
    if (page.length === 0) break;
    pages++;
    expect(pages, 'pagination does not terminate').toBeLessThanOrEqual(Math.ceil(total / limit));
    objects.push(...page);
    after = cursorOf(page[page.length - 1]!, options.sort);
  }
  return { objects, pages };
}
