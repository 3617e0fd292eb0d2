/**
 * `Cache-Control: max-age=N` and the matching `Expires` HTTP date, for responses cacheable for
 * `seconds` (redirects, read-only hello).
 */
export function cacheHeaders(seconds: number, now: number = Date.now()): Record<string, string> {
  return {
    'Cache-Control': `max-age=${seconds}`,
    Expires: new Date(now + seconds * 1000).toUTCString(),
  };
}
