import { transactional } from '@core/http-api';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** Kinto's service and route names of the utility endpoints, by path under the version prefix. */
const UTILITY_NAMES: Readonly<Record<string, string>> = {
  '/': 'hello',
  '/__heartbeat__': 'heartbeat',
  '/__lbheartbeat__': 'lbheartbeat',
  '/__version__': 'version',
  '/__api__': 'api',
  '/contribute.json': 'contribute',
  '/batch': 'batch',
  '/__metrics__': 'prometheus_metrics',
};

/** A matched route: its pattern, and whether it is a resource route (it runs `transactional`). */
export interface MatchedRoute {
  readonly path: string;
  readonly resource: boolean;
}

/** The route of `c` that answered (the last matched one that is not a `*` middleware), if any. */
export function matchedPattern(c: Context): MatchedRoute | undefined {
  const routes = matchedRoutes(c);
  for (let index = routes.length - 1; index >= 0; index--) {
    const route = routes[index];
    if (route === undefined || route.path.endsWith('*')) continue;
    const resource = routes.some((other) => other.path === route.path && other.handler === transactional);
    return { path: route.path, resource };
  }
  return undefined;
}

function withoutVersion(pattern: string): string {
  return pattern.replace(/^\/v\d+(?=\/|$)/, '') || '/';
}

/**
 * `<resource>-object` when the pattern ends with a parameter, else `<resource>-plural`, the
 * resource being the last static segment without its plural `s`: `/buckets/:bucket_id/collections`
 * → `collection-plural`, `/notebooks/:notebook_id/notes/:id` → `note-object`.
 */
function derivedResourceName(pattern: string): string | undefined {
  const segments = pattern.split('/').filter((segment) => segment !== '');
  const object = segments.at(-1)?.startsWith(':') ?? false;
  const plural = segments.filter((segment) => !segment.startsWith(':')).at(-1);
  if (plural === undefined) return undefined;
  return `${plural.endsWith('s') ? plural.slice(0, -1) : plural}-${object ? 'object' : 'plural'}`;
}

/**
 * Names the endpoint of a request for the `endpoint` label (toolkit.md §10), like Kinto's
 * service or route names, from the matched route pattern (never the raw path, so the label has a
 * bounded set of values): `names` (patterns without version prefix, e.g. from the resource
 * definitions) first, then the utility endpoints (`hello`, `heartbeat`, `batch`...), then
 * resource routes derived from their pattern ({@link derivedResourceName}), then the pattern itself
 * (plugin routes); `unknown` for a 404 that matched no route, `unnamed` for other unrouted answers.
 */
export function createEndpointNamer(
  names: Readonly<Record<string, string>> = {},
): (matched: MatchedRoute | undefined, status: number) => string {
  const cache = new Map<string, string>();
  return (matched, status) => {
    if (matched === undefined) return status === 404 ? 'unknown' : 'unnamed';
    let name = cache.get(matched.path);
    if (name === undefined) {
      const pattern = withoutVersion(matched.path);
      name =
        names[pattern] ??
        UTILITY_NAMES[pattern] ??
        (matched.resource ? derivedResourceName(pattern) : undefined) ??
        pattern;
      cache.set(matched.path, name);
    }
    return name;
  };
}

/** The values of the `:name` segments of `pattern` in `path` (percent-decoded). */
export function routeParams(pattern: string, path: string): Record<string, string> {
  const names = pattern.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((segment, index) => {
    if (!segment.startsWith(':')) return;
    const name = segment
      .slice(1)
      .replace(/\{.*\}$/, '')
      .replace(/\?$/, '');
    const raw = values[index] ?? '';
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  });
  return params;
}
