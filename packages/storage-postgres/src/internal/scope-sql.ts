import type { ScopePattern } from '@core/contracts';
import type { Params } from './db.ts';
import { escapeLike } from './filters-sql.ts';

/**
 * The rows of `pattern` in the table aliased `alias`: resource equality (none for `resource: null`),
 * parent equality, or for a wildcard parent a `LIKE` where each `*` is `%` and every other character
 * (`%`, `_`, `\` included) is escaped, so `/buckets/a*` can never reach `/buckets/ab` unless asked.
 * On `COLLATE "C"` columns a `LIKE` with a literal prefix is an index range scan.
 */
export function scopeCondition(pattern: ScopePattern, params: Params, alias = 'o'): string {
  const parts: string[] = [];
  if (pattern.resource !== null) parts.push(`${alias}.resource_name = ${params.text(pattern.resource)}`);
  if (pattern.parent.includes('*')) {
    const like = pattern.parent.split('*').map(escapeLike).join('%');
    parts.push(`${alias}.parent_id LIKE ${params.text(like)}`);
  } else {
    parts.push(`${alias}.parent_id = ${params.text(pattern.parent)}`);
  }
  return parts.join(' AND ');
}
