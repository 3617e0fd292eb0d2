import type { JsonValue } from '@core/contracts';
import type { ValidationDetail } from '../errors/http-errors.ts';
import { hasOwn, isJsonObject, pyStr } from './json-value.ts';

/** A `permissions` mapping from a body: `null` marks a permission to remove (merge-patch). */
export type PermissionsPatch = Record<string, string[] | null>;

/** Kinto's (colander's) wording for a value that is not a JSON object. */
export function notAMapping(value: JsonValue | undefined): string {
  return `"${pyStr(value)}" is not a mapping type: Does not implement dict-like functionality.`;
}

/** Kinto's (colander's) wording for a permission name outside the resource's set. */
export function notOneOf(value: string, choices: readonly string[]): string {
  return `"${value}" is not one of ${choices.join(', ')}`;
}

/** `true` when `name` may appear in a body of a resource allowing `allowed` (empty = any name). */
export function isAllowedPermission(name: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.includes(name);
}

/** Sets an own key even when it is `__proto__` (permission names are client-chosen when unrestricted). */
export function putPermission<T>(target: { [key: string]: T }, perm: string, value: NoInfer<T>): void {
  Object.defineProperty(target, perm, { value, enumerable: true, writable: true, configurable: true });
}

/** Principals in first-seen order, duplicates removed. */
export function dedupe(principals: readonly string[]): string[] {
  return [...new Set(principals)];
}

/**
 * Validates one principal list (`permissions.<perm>` in the body): an array of non-empty strings,
 * deduplicated. Returns the list, or pushes errors named `permissions.<perm>[.<index>]`.
 */
export function parsePrincipals(
  perm: string,
  value: JsonValue | undefined,
  errors: ValidationDetail[],
): string[] | undefined {
  const name = `permissions.${perm}`;
  if (!Array.isArray(value)) {
    errors.push({ location: 'body', name, description: `"${pyStr(value)}" is not iterable` });
    return undefined;
  }
  const before = errors.length;
  value.forEach((principal, index) => {
    if (typeof principal === 'string' && principal !== '') return;
    const description = principal === '' ? 'Required' : `${pyStr(principal)} is not a string`;
    errors.push({ location: 'body', name: `${name}.${index}`, description });
  });
  return errors.length === before ? dedupe(value as string[]) : undefined;
}

/**
 * Validates a body's `permissions` mapping against the resource's permission names. `null` values
 * are kept as `null` (callers drop or apply them). Errors are pushed to `errors`.
 */
export function parsePermissionsPatch(
  value: JsonValue | undefined,
  allowed: readonly string[],
  errors: ValidationDetail[],
): PermissionsPatch | undefined {
  if (!isJsonObject(value)) {
    errors.push({ location: 'body', name: 'permissions', description: notAMapping(value) });
    return undefined;
  }
  const unknown = Object.keys(value).find((perm) => !isAllowedPermission(perm, allowed));
  if (unknown !== undefined) {
    errors.push({ location: 'body', name: 'permissions', description: notOneOf(unknown, allowed) });
    return undefined;
  }
  const before = errors.length;
  const result: PermissionsPatch = {};
  for (const perm of Object.keys(value)) {
    const principals = value[perm];
    if (principals === null) {
      putPermission(result, perm, null);
      continue;
    }
    const list = parsePrincipals(perm, principals, errors);
    if (list !== undefined) {
      putPermission(result, perm, list);
    }
  }
  return errors.length === before ? result : undefined;
}

/** A fresh `{perm: [principals]}` copy, keys in `hasOwn` order. */
export function copyPermissions(permissions: Readonly<Record<string, readonly string[]>>) {
  const copy: Record<string, string[]> = {};
  for (const perm of Object.keys(permissions)) {
    if (hasOwn(permissions, perm)) putPermission(copy, perm, [...(permissions[perm] ?? [])]);
  }
  return copy;
}
