/** Formats milliseconds as an HTTP date (RFC 1123, seconds resolution, GMT). */
export function httpDate(milliseconds: number): string {
  return new Date(milliseconds).toUTCString();
}

/** `ETag` and `Last-Modified` headers of a timestamp. */
export function timestampHeaders(timestamp: number): Record<string, string> {
  return { ETag: `"${timestamp}"`, 'Last-Modified': httpDate(timestamp) };
}
