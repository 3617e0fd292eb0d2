import type { RouteParams } from './definition.ts';

/** Fills the `:name` parameters of a Hono path pattern with `params`. */
export function fillPath(pattern: string, params: RouteParams): string {
  return pattern.replace(
    /:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g,
    (_match, name: string) => params[name] ?? '',
  );
}

/** The default parent id: the filled plural path without its last segment (`''` at top level). */
export function defaultParentId(pluralPath: string, params: RouteParams): string {
  const filled = fillPath(pluralPath, params);
  return filled.slice(0, filled.lastIndexOf('/'));
}

/** The object URI used as ACE key: the plural path filled in, plus `/<id>` (no version prefix). */
export function objectUri(pluralPath: string, params: RouteParams, id: string): string {
  return `${fillPath(pluralPath, params)}/${id}`;
}
