/** Formats milliseconds as an HTTP date (RFC 1123, seconds resolution, GMT). */
export function httpDate(milliseconds: number): string {
  const second = Math.floor(milliseconds / 1000);
  if (second !== lastSecond) {
    lastDate = new Date(milliseconds).toUTCString();
    lastSecond = second;
  }
  return lastDate;
}

// The last date formatted (most responses of a busy second carry the same one).
let lastSecond = Number.NaN;
let lastDate = '';

/** `ETag` and `Last-Modified` headers of a timestamp. */
export function timestampHeaders(timestamp: number): Record<string, string> {
  return { ETag: `"${timestamp}"`, 'Last-Modified': httpDate(timestamp) };
}
