import { ID_FIELD, type JsonObject } from '@core/contracts';
import { invalidParameters } from '../errors/http-errors.ts';
import { type IdGenerator, matchesId } from './id-generators.ts';
import { hasOwn } from './json-value.ts';

/** 400 `Invalid object id` in the path, as Kinto: no parameter name, message `"path: Invalid object id"`. */
function invalidObjectId() {
  return invalidParameters({ location: 'path', name: null, description: 'Invalid object id' });
}

/** Checks an object id taken from the URL (http-api.md §3): mismatch → 400 errno 107, location path. */
export function checkPathId(id: string, generator: IdGenerator): void {
  if (!matchesId(id, generator)) throw invalidObjectId();
}

/**
 * The `data.id` of a `POST` body, when there is one: it must be a string the generator accepts,
 * else 400 `Invalid object id` (location path, as Kinto reports it). `undefined` when absent.
 */
export function checkPostId(data: JsonObject | undefined, generator: IdGenerator): string | undefined {
  if (data === undefined || !hasOwn(data, ID_FIELD)) return undefined;
  const id = data[ID_FIELD];
  if (!matchesId(id, generator)) throw invalidObjectId();
  return id;
}

/**
 * `PUT` (and the result of a `PATCH`): a `data.id` different from the URL id → 400, detail
 * `{location: 'body', name: 'id', description: 'Object id does not match existing object'}`.
 */
export function checkBodyId(urlId: string, data: JsonObject | undefined): void {
  if (data === undefined || !hasOwn(data, ID_FIELD) || data[ID_FIELD] === urlId) return;
  throw invalidParameters({
    location: 'body',
    name: ID_FIELD,
    description: 'Object id does not match existing object',
  });
}
