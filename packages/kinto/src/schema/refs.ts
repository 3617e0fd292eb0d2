import type { JsonValue } from '@core/contracts';
import { pythonRepr } from './python-repr.ts';

/** The base URI of a schema without `$id` (never fetched: only this document and the meta-schema resolve). */
export const DEFAULT_BASE_URI = 'https://schema.kinto.invalid/root.json';

/** `reference` resolved against `base` (RFC 3986, the WHATWG URL parser); `undefined` when it cannot be. */
export function resolveUri(reference: string, base: string): string | undefined {
  try {
    return new URL(reference, base).href;
  } catch {
    return undefined;
  }
}

/** `[uri without fragment, fragment without '#']`. */
export function splitFragment(uri: string): [string, string] {
  const hash = uri.indexOf('#');
  return hash < 0 ? [uri, ''] : [uri.slice(0, hash), uri.slice(hash + 1)];
}

/** The resources and plain-name anchors (`$id: "#name"`) that `$ref`s can name. */
export interface RefRegistry {
  readonly resources: Map<string, JsonValue>;
  readonly anchors: Map<string, JsonValue>;
}

/** Thrown when a `$ref` is followed and leads nowhere (Kinto answers 400 naming `schema`). */
export class UnresolvableRefError extends Error {
  readonly code = 'SCHEMA_UNRESOLVABLE_REF';
}

function followPointer(root: JsonValue, pointer: string): JsonValue | undefined {
  let value: JsonValue | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) value = /^(0|[1-9]\d*)$/.test(token) ? value[Number(token)] : undefined;
    else if (value !== null && typeof value === 'object')
      value = Object.hasOwn(value, token) ? value[token] : undefined;
    else value = undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/**
 * The schema a `$ref` names, with the URI of the resource it was found in, or the error message
 * python's `referencing` gives when it leads nowhere.
 */
export function lookupRef(
  registry: RefRegistry,
  reference: string,
  base: string,
): { target: JsonValue; resource: string } | { problem: string } {
  const uri = resolveUri(reference, base);
  if (uri === undefined) return { problem: `Unresolvable: ${reference}` };
  const [resource, fragment] = splitFragment(uri);
  const document = registry.resources.get(resource);
  if (document === undefined) return { problem: `Unresolvable: ${uri}` };
  if (fragment === '') return { target: document, resource };
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return { problem: `Unresolvable: ${uri}` };
  }
  if (decoded.startsWith('/')) {
    const target = followPointer(document, decoded);
    if (target === undefined)
      return { problem: `${pythonRepr(decoded)} does not exist within ${pythonRepr(document)}` };
    return { target, resource };
  }
  const anchored = registry.anchors.get(`${resource}#${decoded}`);
  if (anchored === undefined)
    return { problem: `${pythonRepr(decoded)} does not exist within ${pythonRepr(document)}` };
  return { target: anchored, resource };
}
