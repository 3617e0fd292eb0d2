/**
 * The list an object lives in. Objects of one resource under one parent form an isolated list with
 * its own ids and its own timestamp (e.g. the records of one collection).
 */
export interface Scope {
  /** Resource name, e.g. `record`. */
  readonly resource: string;
  /**
   * Parent id, e.g. `/buckets/b/collections/c`; the empty string for top-level resources.
   * Taken literally: `*` has no special meaning here.
   */
  readonly parent: string;
}

/**
 * A set of lists, for operations that may span several parents or resources.
 *
 * `parent` may contain `*` wildcards; each `*` matches any run of characters, `/` included
 * (`/buckets/*` + `/collections/c` style patterns). Every other character, regular-expression and SQL
 * `LIKE` metacharacters included, matches only itself. A parent without `*` selects exactly one parent.
 */
export interface ScopePattern {
  /** Resource name, or `null` for every resource. */
  readonly resource: string | null;
  /** Parent id or a pattern containing `*`. */
  readonly parent: string;
}
