/**
 * Compiles a parent pattern into a predicate. Each `*` matches any run of characters (`/`
 * included); every other character matches only itself. Matching is done on plain strings, without
 * building a regular expression, so no character of the pattern can ever act as syntax.
 */
export function parentMatcher(pattern: string): (parent: string) => boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return (parent) => parent === pattern;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1);
  const minLength = parts.reduce((total, part) => total + part.length, 0);
  return (parent) => {
    if (parent.length < minLength || !parent.startsWith(first)) return false;
    let position = first.length;
    // Leftmost matches of the inner parts leave the most room for the following ones.
    for (const part of middle) {
      const found = parent.indexOf(part, position);
      if (found === -1) return false;
      position = found + part.length;
    }
    return parent.length - last.length >= position && parent.endsWith(last);
  };
}

/** `true` when `pattern` contains a wildcard and may select several parents. */
export function isParentPattern(pattern: string): boolean {
  return pattern.includes('*');
}
