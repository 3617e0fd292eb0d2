import type { Handler, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import type { ApiEnv } from '../context.ts';
import { preflightHandler } from './cors.ts';

/** A route as Hono lists it (`app.routes`). */
interface RouteEntry {
  readonly method: string;
  readonly path: string;
}

/** The methods each path answers, in registration order, for paths that have no `OPTIONS` route. */
function methodsByPath(routes: readonly RouteEntry[]): Map<string, string[]> {
  const methods = new Map<string, string[]>();
  const explicit = new Set<string>();
  for (const { method, path } of routes) {
    if (method === 'ALL' || path.endsWith('/*') || path === '*') continue;
    if (method === 'OPTIONS') {
      explicit.add(path);
      continue;
    }
    const list = methods.get(path) ?? [];
    if (!list.includes(method)) list.push(method);
    // Hono answers HEAD from GET.
    if (method === 'GET' && !list.includes('HEAD')) list.push('HEAD');
    methods.set(path, list);
  }
  for (const path of explicit) methods.delete(path);
  return methods;
}

/**
 * CORS preflights for every route, whoever registered it (http-api.md §13, issue 24): once the routes
 * are known (`learn`), an `OPTIONS` on a path a route serves is answered like a resource's preflight
 * (allowed methods, headers, max age; 400 errno 107 for a method the path does not have), before the
 * route's own handlers, which would answer 405. Paths with their own `OPTIONS` route keep it.
 */
export function inheritedPreflights(): {
  readonly middleware: MiddlewareHandler<ApiEnv>;
  learn(routes: readonly RouteEntry[], prefix?: string): void;
} {
  const router = new TrieRouter<Handler<ApiEnv>>();
  return {
    middleware: async (c, next) => {
      if (c.req.method !== 'OPTIONS') return next();
      const [matches] = router.match('OPTIONS', c.req.path);
      const handler = matches[0]?.[0];
      if (!handler) return next();
      return handler(c, next);
    },
    learn(routes, prefix = '') {
      for (const [path, methods] of methodsByPath(routes)) {
        router.add('OPTIONS', `${prefix}${path}`, preflightHandler(methods));
      }
    },
  };
}
