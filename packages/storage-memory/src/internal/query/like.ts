/** A compiled `like` pattern: tests one string. */
export type LikeMatcher = (value: string) => boolean;

function fold(text: string): string {
  return text.toLowerCase();
}

/**
 * Compiles a `like` pattern: case-insensitive, `*` matches any run of characters (newlines
 * included), every other character matches itself; a pattern without `*` matches anywhere.
 * Matching is greedy `indexOf` over the literal pieces (no regular expression, so no escaping bugs
 * and no catastrophic backtracking).
 */
export function compileLike(pattern: string): LikeMatcher {
  const pieces = fold(pattern.includes('*') ? pattern : `*${pattern}*`).split('*');
  const head = pieces[0]!;
  const tail = pieces.length > 1 ? pieces[pieces.length - 1]! : '';
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '');
  return (value) => {
    const text = fold(value);
    if (text.length < head.length + tail.length) return false;
    if (!text.startsWith(head) || !text.endsWith(tail)) return false;
    const end = text.length - tail.length;
    let position = head.length;
    for (const piece of middle) {
      const found = text.indexOf(piece, position);
      if (found === -1 || found + piece.length > end) return false;
      position = found + piece.length;
    }
    return true;
  };
}
