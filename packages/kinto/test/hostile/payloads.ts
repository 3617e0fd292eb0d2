import { concat } from './raw-http.ts';

// Builders of hostile payloads, as JSON text (never through `JSON.stringify` of a deep value, which
// would itself overflow the stack).

/** `{"data": <value>}` as text. */
export const dataBody = (value: string): string => `{"data":${value}}`;

/** `depth` nested objects `{"a":{"a":…<leaf>…}}` (depth 0 is the leaf itself). */
export function nestedObjects(depth: number, leaf = '1', key = 'a'): string {
  return `{"${key}":`.repeat(depth) + leaf + '}'.repeat(depth);
}

/** `depth` nested arrays `[[[…<leaf>…]]]`. */
export function nestedArrays(depth: number, leaf = '1'): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

/** One object with `count` keys (`k0`, `k1`… by default), each holding `value` (JSON text). */
export function manyKeys(count: number, value = '0', keyOf = (index: number) => `k${index}`): string {
  const parts: string[] = [];
  for (let index = 0; index < count; index++) parts.push(`"${keyOf(index)}":${value}`);
  return `{${parts.join(',')}}`;
}

/** An array of `count` items (JSON text of item `index`). */
export function manyItems(count: number, item: (index: number) => string = String): string {
  const parts: string[] = [];
  for (let index = 0; index < count; index++) parts.push(item(index));
  return `[${parts.join(',')}]`;
}

/** A dotted field path of `segments` segments: `a.a.a…`. */
export const dottedPath = (segments: number, segment = 'a'): string =>
  Array(segments).fill(segment).join('.');

/** A valid `{"data": {"pad": "xxx…"}}` body of exactly `bytes` bytes (ASCII). */
export function paddedBody(bytes: number): string {
  const frame = dataBody('{"pad":""}');
  return dataBody(`{"pad":"${'x'.repeat(bytes - frame.length)}"}`);
}

/** Bytes from a list of numbers and strings (strings encoded as UTF-8). */
export function bytes(...parts: ReadonlyArray<string | readonly number[]>): Uint8Array {
  const encoder = new TextEncoder();
  return concat(
    parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part))),
  );
}

/** `Basic <base64(user:password)>` from raw bytes, so a user name can hold NUL or invalid UTF-8. */
export function basicFromBytes(credentials: Uint8Array): string {
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}
