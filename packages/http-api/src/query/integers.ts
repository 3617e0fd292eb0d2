/** How far in the future a timestamp may be, in ms (http-api.md §6). */
export const TIMESTAMP_FUTURE_MARGIN_MS = 86_400_000;

/** The largest `_limit` Kinto accepts (its PostgreSQL bound, 2^63). */
export const MAX_LIMIT = 2n ** 63n;

const UNSIGNED = /^(?:(\d+)|"(\d+)")$/;

/**
 * The digits of a non-negative integer written bare (`123`) or between double quotes (`"123"`, as in
 * an ETag), surrounding whitespace allowed; `null` for anything else (signs, decimals, exponents,
 * unbalanced quotes, empty).
 */
export function unsignedDigits(raw: string): string | null {
  const match = UNSIGNED.exec(raw.trim());
  if (!match) return null;
  return (match[1] ?? match[2]) as string;
}

/**
 * A timestamp in ms from its digits, when it is `< now + 24 h`; `null` otherwise. Long digit strings
 * are rejected before conversion, so huge values never lose precision into a false pass.
 */
export function timestampFromDigits(digits: string, now: number): number | null {
  const stripped = digits.replace(/^0+(?=\d)/, '');
  if (stripped.length > 15) return null;
  const value = Number(stripped);
  return value < now + TIMESTAMP_FUTURE_MARGIN_MS ? value : null;
}

/** A valid timestamp written bare or quoted (see {@link unsignedDigits}), else `null`. */
export function parseTimestamp(raw: string, now: number): number | null {
  const digits = unsignedDigits(raw);
  return digits === null ? null : timestampFromDigits(digits, now);
}
