/** One segment of a route pattern: a literal, or a parameter name. */
export type PatternSegment = { readonly literal: string } | { readonly param: string };

/** Splits a Hono path pattern (`/buckets/:bucket_id/collections/:id{[a-z]+}`) into segments. */
export function compilePattern(pattern: string): PatternSegment[] {
  return pattern
    .split('/')
    .slice(1)
    .map((segment) => {
      const match = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(segment);
      return match ? { param: match[1]! } : { literal: segment };
    });
}

/** The parameters of `uri` when it matches `segments` (each parameter one non-empty segment), else `null`. */
export function matchPattern(
  segments: readonly PatternSegment[],
  uri: string,
): Record<string, string> | null {
  if (!uri.startsWith('/')) return null;
  const parts = uri.split('/').slice(1);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index]!;
    if ('literal' in segment) {
      if (segment.literal !== part) return null;
    } else {
      if (part === '') return null;
      params[segment.param] = part;
    }
  }
  return params;
}

/** Fills `segments` with `params`; `null` when one is missing. */
export function fillPattern(
  segments: readonly PatternSegment[],
  params: Readonly<Record<string, string>>,
): string | null {
  let uri = '';
  for (const segment of segments) {
    const value = 'literal' in segment ? segment.literal : params[segment.param];
    if (value === undefined) return null;
    uri += `/${value}`;
  }
  return uri;
}
