import type { NotFoundHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { missingResource, versionNotAvailable } from '../errors/http-errors.ts';
import type { Settings } from '../settings/settings.ts';
import { cacheHeaders } from './cache-headers.ts';
import { errorResponse } from './error-response.ts';

function redirect(location: string, ttlSeconds: number): Response {
  const headers: Record<string, string> = { Location: location };
  if (ttlSeconds >= 0) Object.assign(headers, cacheHeaders(ttlSeconds));
  return new Response(null, { status: 307, headers });
}

/**
 * What answers when no route matched (http-api.md §1): the version prefix redirect, the foreign
 * version 404 (errno 116), the trailing slash redirect, else 404 errno 111.
 */
export function createNotFoundHandler(prefix: string, fallbackSettings: Settings): NotFoundHandler<ApiEnv> {
  return (c) => {
    const settings = c.get('settings') ?? fallbackSettings;
    const url = new URL(c.req.url);
    const path = url.pathname;
    const query = url.search;

    if (!/^\/v[0-9]+/.test(path)) {
      if (!settings.version_prefix_redirect_enabled) return errorResponse(versionNotAvailable());
      // CORS preflights cannot follow redirects.
      if (c.req.method === 'OPTIONS') return new Response(null, { status: 200 });
      return redirect(`${prefix}${path}${query}`, settings.version_prefix_redirect_ttl_seconds);
    }
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return errorResponse(versionNotAvailable());

    if (settings.trailing_slash_redirect_enabled) {
      const ttl = settings.trailing_slash_redirect_ttl_seconds;
      if (path === prefix) return redirect(`${prefix}/${query}`, ttl);
      if (path.endsWith('/')) return redirect(`${path.replace(/\/+$/, '')}${query}`, ttl);
    }
    return errorResponse(missingResource());
  };
}
