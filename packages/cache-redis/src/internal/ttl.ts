/** Redis accepts expiries up to about 2^63 ms minus the current time; this bound stays well below. */
const MAX_TTL_MS = Number.MAX_SAFE_INTEGER;

/**
 * `ttlSeconds` as whole milliseconds for `PX` / `PEXPIRE`: rounded down (so `ttl` never reports
 * more than was set) but at least 1 ms (Redis refuses 0).
 * @throws TypeError when `ttlSeconds` is not a positive finite number.
 */
export function ttlToMilliseconds(ttlSeconds: number): number {
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError(`TTL must be a positive finite number of seconds, got ${String(ttlSeconds)}`);
  }
  return Math.min(MAX_TTL_MS, Math.max(1, Math.floor(ttlSeconds * 1000)));
}
