import type { ApiEnv } from '@core/http-api';
import type { Context } from 'hono';

/** The `querystring` field: the parameters as an object (the last value of a repeated one wins). */
export function querystringOf(url: URL): Record<string, string> | undefined {
  return url.search.length > 1 ? Object.fromEntries(url.searchParams) : undefined;
}

/** `uid` and `authn_type` of the caller (Kinto logs the user id without its policy prefix). */
export function identityFields(c: Context<ApiEnv>): { uid?: string; authn_type?: string } {
  const userId = c.get('caller')?.userId;
  if (!userId) return {};
  const colon = userId.indexOf(':');
  return colon < 0 ? { uid: userId } : { uid: userId.slice(colon + 1), authn_type: userId.slice(0, colon) };
}

/** The `errno` of an error response (its JSON body's), else 0. */
export async function errnoOf(response: Response): Promise<number> {
  if (response.status < 400 || !response.headers.get('Content-Type')?.includes('json')) return 0;
  try {
    const body: unknown = await response.clone().json();
    const errno = typeof body === 'object' && body !== null ? (body as { errno?: unknown }).errno : undefined;
    return typeof errno === 'number' ? errno : 0;
  } catch {
    return 0;
  }
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

/** Headers as an object, credentials redacted (debug-level summaries). */
export function loggableHeaders(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = SECRET_HEADERS.has(name) ? '[redacted]' : value;
  });
  return result;
}

const MAX_LOGGED_BODY = 10_000;

/** A body as text, cut at 10,000 characters (debug-level summaries). */
export async function loggableBody(source: Request | Response): Promise<string> {
  try {
    const text = await source.text();
    return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}…` : text;
  } catch {
    return '';
  }
}
