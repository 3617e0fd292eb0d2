// `String.prototype.isWellFormed` (ES2024, every supported runtime) is not in the ES2023 lib types.
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean })
  .isWellFormed;

/**
 * `true` when every backend can store `text` as it is: no NUL character (PostgreSQL's `text` and
 * `jsonb` refuse it) and no lone UTF-16 surrogate (it has no UTF-8 encoding, so it would be
 * silently replaced on the way to a database).
 */
export function isStorableString(text: string): boolean {
  return !text.includes('\u0000') && isWellFormed.call(text);
}
