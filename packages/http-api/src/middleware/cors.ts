import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { invalidParameters, type ValidationDetail } from '../errors/http-errors.ts';
import { setResponseHeader } from './response-header.ts';

/** Headers exposed on every non-preflight response (http-api.md §13). */
export const BASE_EXPOSE_HEADERS: readonly string[] = [
  'Alert',
  'Backoff',
  'Retry-After',
  'Content-Length',
  'Content-Type',
];

/** Request headers a preflight always allows, next to the ones it was asked for. */
export const SUPPORTED_REQUEST_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'Response-Behavior',
  'X-Request-Id',
];

/** fnmatch-style glob (`*`, `?`, `[seq]`, `[!seq]`) to an anchored, case-sensitive regexp. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[' && glob.indexOf(']', i + 2) !== -1) {
      const end = glob.indexOf(']', i + 2);
      let set = glob.slice(i + 1, end);
      const negated = set.startsWith('!');
      if (negated) set = set.slice(1);
      source += `[${negated ? '^' : ''}${set.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

const compiledPatterns = new Map<string, RegExp>();

/** {@link globToRegExp}, compiled once per pattern (the `cors_origins` entries). */
function patternRegExp(pattern: string): RegExp {
  let regexp = compiledPatterns.get(pattern);
  if (regexp === undefined) {
    regexp = globToRegExp(pattern);
    if (compiledPatterns.size < 1000) compiledPatterns.set(pattern, regexp);
  }
  return regexp;
}

/**
 * The `Access-Control-Allow-Origin` value for `origin`: `*` when the first matching `cors_origins`
 * entry is `*`, the origin itself when a specific entry matches, `null` when none does (never a
 * blind reflection, LESSONS §23).
 */
export function allowedOrigin(origin: string | undefined, patterns: readonly string[]): string | null {
  if (!origin) return null;
  for (const pattern of patterns) {
    if (pattern === '*') return '*';
    if (patternRegExp(pattern).test(origin)) return origin;
  }
  return null;
}

function dedupe(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()];
}

const BASE_EXPOSE_VALUE = dedupe(BASE_EXPOSE_HEADERS).join(', ');

/**
 * CORS headers on every response, errors and redirects included: `Access-Control-Allow-Origin` when
 * the request `Origin` is allowed, and on non-preflight responses `Access-Control-Expose-Headers` =
 * the base set plus, on successes, the endpoint's `c.get('exposeHeaders')`.
 */
export function cors(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    decorateCors(c);
  };
}

/** What {@link cors} adds to the response, once it is there. */
export function decorateCors(c: Context<ApiEnv>): void {
  const origin = allowedOrigin(c.req.header('Origin'), c.get('settings').cors_origins);
  if (origin) setResponseHeader(c, 'Access-Control-Allow-Origin', origin);
  if (c.req.method === 'OPTIONS') return;
  const extra = c.res.status < 400 ? (c.get('exposeHeaders') ?? []) : [];
  setResponseHeader(
    c,
    'Access-Control-Expose-Headers',
    extra.length === 0 ? BASE_EXPOSE_VALUE : dedupe([...BASE_EXPOSE_HEADERS, ...extra]).join(', '),
  );
}

function mandatory(name: string): ValidationDetail {
  return { location: 'header', name, description: 'this header is mandatory' };
}

/**
 * The `OPTIONS` handler of a route whose methods are `methods` (http-api.md §13): checks `Origin`
 * and `Access-Control-Request-Method` (400 errno 107), answers the allowed methods, headers
 * (supported + requested) and `Access-Control-Max-Age`. Needs no authentication.
 */
export function preflightHandler(methods: readonly string[]): Handler<ApiEnv> {
  const allowedMethods = dedupe([...methods, 'OPTIONS']);
  return (c) => {
    const settings = c.get('settings');
    const origin = c.req.header('Origin');
    const method = c.req.header('Access-Control-Request-Method');
    const missing = [
      ...(origin ? [] : [mandatory('Origin')]),
      ...(method ? [] : [mandatory('Access-Control-Request-Method')]),
    ];
    if (missing.length > 0 || !origin || !method) throw invalidParameters(missing);
    if (!allowedOrigin(origin, settings.cors_origins)) {
      throw invalidParameters({ location: 'header', name: 'Origin', description: `${origin} not allowed` });
    }
    if (!allowedMethods.includes(method)) {
      throw invalidParameters({
        location: 'header',
        name: 'Access-Control-Request-Method',
        description: 'Method not allowed',
      });
    }
    const requested = (c.req.header('Access-Control-Request-Headers') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    c.header('Access-Control-Allow-Methods', allowedMethods.join(','));
    c.header('Access-Control-Allow-Headers', dedupe([...SUPPORTED_REQUEST_HEADERS, ...requested]).join(','));
    if (settings.cors_max_age_seconds !== null && settings.cors_max_age_seconds !== undefined) {
      c.header('Access-Control-Max-Age', String(settings.cors_max_age_seconds));
    }
    return c.body(null, 200);
  };
}
