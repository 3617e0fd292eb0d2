import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { setResponseHeader } from './response-header.ts';

/** Kinto's policy: a JSON API loads nothing and is framed by no one. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none';";

/**
 * Adds `Content-Security-Policy` (unless the endpoint set its own) and `X-Content-Type-Options:
 * nosniff` to every response (http-api.md §1.2).
 */
export function securityHeaders(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    decorateSecurityHeaders(c);
  };
}

/** What {@link securityHeaders} adds to the response, once it is there. */
export function decorateSecurityHeaders(c: Context<ApiEnv>): void {
  if (!c.res.headers.has('Content-Security-Policy'))
    setResponseHeader(c, 'Content-Security-Policy', CONTENT_SECURITY_POLICY);
  setResponseHeader(c, 'X-Content-Type-Options', 'nosniff');
}
