import type { RouteParams } from './definition.ts';

/** Fills the `:name` parameters of a Hono path pattern with `params`. */
export function fillPath(pattern: string, params: RouteParams): string {
  const { texts, names } = parsedPattern(pattern);
  let path = texts[0] as string;
  for (let index = 0; index < names.length; index++) {
    path += (params[names[index] as string] ?? '') + (texts[index + 1] as string);
  }
  return path;
}

const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g;

/** A pattern split around its parameters: `texts[i]`, then parameter `names[i]`, then `texts[i + 1]`. */
interface ParsedPattern {
  readonly texts: readonly string[];
  readonly names: readonly string[];
}

/** Parsed once per pattern (the resources' paths: a handful). */
const parsedPatterns = new Map<string, ParsedPattern>();

function parsedPattern(pattern: string): ParsedPattern {
  let parsed = parsedPatterns.get(pattern);
  if (parsed === undefined) {
    const texts: string[] = [];
    const names: string[] = [];
    let last = 0;
    for (const match of pattern.matchAll(PARAMETER)) {
      texts.push(pattern.slice(last, match.index));
      names.push(match[1] as string);
      last = match.index + match[0].length;
    }
    texts.push(pattern.slice(last));
    parsed = { texts, names };
    if (parsedPatterns.size < 1000) parsedPatterns.set(pattern, parsed);
  }
  return parsed;
}

/** The default parent id: the filled plural path without its last segment (`''` at top level). */
export function defaultParentId(pluralPath: string, params: RouteParams): string {
  const filled = fillPath(pluralPath, params);
  return filled.slice(0, filled.lastIndexOf('/'));
}

/** The object URI used as ACE key: the plural path filled in, plus `/<id>` (no version prefix). */
export function objectUri(pluralPath: string, params: RouteParams, id: string): string {
  return `${fillPath(pluralPath, params)}/${id}`;
}
