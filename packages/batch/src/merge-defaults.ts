/** A JSON object (not an array, not `null`). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findKey(target: Record<string, unknown>, key: string, caseInsensitive: boolean): string | undefined {
  if (Object.hasOwn(target, key)) return key;
  if (!caseInsensitive) return undefined;
  const lower = key.toLowerCase();
  return Object.keys(target).find((existing) => existing.toLowerCase() === lower);
}

type Level = 'request' | 'headers' | 'nested';

function mergeInto(
  target: Record<string, unknown>,
  defaults: Record<string, unknown>,
  level: Level,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(defaults)) {
    const existing = findKey(merged, key, level === 'headers');
    if (existing === undefined) {
      merged[key] = value;
    } else if (isPlainObject(merged[existing]) && isPlainObject(value)) {
      const child = level === 'request' && key === 'headers' ? 'headers' : 'nested';
      merged[existing] = mergeInto(merged[existing], value, child);
    }
  }
  return merged;
}

/**
 * `defaults` deep-merged into `request` without overriding what the request already has (Kinto's
 * `merge_dicts`): nested objects (`headers`, `body`, `body.data`...) are merged key by key, any other
 * value of the request wins. Header names are matched case-insensitively, so a request's
 * `authorization` is not doubled by a default `Authorization`. Neither argument is modified.
 */
export function mergeDefaults(
  request: Record<string, unknown>,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  return mergeInto(request, defaults, 'request');
}
