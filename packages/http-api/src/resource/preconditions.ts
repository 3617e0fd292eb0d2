import { invalidParameters, preconditionFailed } from '../errors/http-errors.ts';

/** A parsed `If-Match` / `If-None-Match` header: a timestamp, `*`, or absent. */
export type Precondition = number | '*' | undefined;

const QUOTED_INTEGER = /^"(\d{1,16})"$/;

/** Parses a precondition header (`"<integer>"` or `*`); anything else is a 400 naming the header. */
export function parsePrecondition(
  name: 'If-Match' | 'If-None-Match',
  value: string | undefined,
): Precondition {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  const match = QUOTED_INTEGER.exec(trimmed);
  if (match) return Number(match[1]);
  throw invalidParameters({
    location: 'header',
    name,
    description: 'The value should be integer between double quotes.',
  });
}

/** Both precondition headers of a request. */
export interface Preconditions {
  readonly ifMatch: Precondition;
  readonly ifNoneMatch: Precondition;
}

/** Reads both precondition headers. */
export function readPreconditions(headers: { get(name: string): string | null }): Preconditions {
  return {
    ifMatch: parsePrecondition('If-Match', headers.get('If-Match') ?? undefined),
    ifNoneMatch: parsePrecondition('If-None-Match', headers.get('If-None-Match') ?? undefined),
  };
}

/**
 * `true` when a GET/HEAD must be answered 304: `If-None-Match: "<n>"` equals the current timestamp.
 */
export function isNotModified(preconditions: Preconditions, current: number): boolean {
  return typeof preconditions.ifNoneMatch === 'number' && preconditions.ifNoneMatch === current;
}

/**
 * The 412 rules of http-api.md §5.3: `current` is the object's timestamp, or `undefined` when it
 * does not exist (plural endpoints pass the list timestamp: the list always exists). Throws the 412
 * (with `existing` when given) when a precondition fails.
 */
export function checkPreconditions(
  preconditions: Preconditions,
  current: number | undefined,
  existing?: object,
): void {
  const { ifMatch, ifNoneMatch } = preconditions;
  const exists = current !== undefined;
  const failed =
    (ifNoneMatch === '*' && exists) ||
    (ifMatch === '*' && !exists) ||
    (typeof ifMatch === 'number' && (!exists || ifMatch !== current));
  if (failed) throw preconditionFailed(existing, current);
}
