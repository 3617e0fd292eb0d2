/** The path with the version prefix prepended unless it already names a version (`/v0/...`). */
export function prefixedPath(path: string, prefix: string): string {
  return /^\/v[0-9]+(?=[/?#]|$)/.test(path) ? path : `${prefix}${path}`;
}

function decoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The percent-decoded path of `url`, without query string (what subresponses report). */
export function decodedPathOf(url: URL): string {
  return decoded(url.pathname);
}

/**
 * `true` when a subrequest would reach the batch endpoint: its path contains `/batch` (utilities.md
 * §7.1), as written, once parsed (`\` and dot segments resolved) or once percent-decoded.
 */
export function isRecursive(path: string, url: URL): boolean {
  return [path, decoded(path), url.pathname, decodedPathOf(url)].some((form) => form.includes('/batch'));
}
