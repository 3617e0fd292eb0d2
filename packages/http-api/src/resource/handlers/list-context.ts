import type { Filter, KeysetCursor, Sort } from '@core/contracts';
import { invalidQuery } from '../../errors/http-errors.ts';
import type { Settings } from '../../settings/settings.ts';
import {
  decodeToken,
  effectiveLimit,
  generateTokenKey,
  importTokenKey,
  parseListQuery,
  schemaFieldNames,
  type TokenKey,
  tokenScope,
} from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';

/** A plural request's query, parsed and resolved against the settings and its token. */
export interface ListQuery {
  readonly filters: Filter[];
  readonly sort: Sort[];
  readonly limit: number;
  readonly fields: string[] | null;
  readonly includeDeleted: boolean;
  readonly after: KeysetCursor | undefined;
  /** Objects returned by the previous pages. */
  readonly offset: number;
  readonly nonce: string | undefined;
  /** Binds tokens to this list and query. */
  readonly scope: string;
}

const keys = new WeakMap<Settings, Promise<TokenKey>>();

/** The HMAC key signing pagination tokens (random per process when no secret is configured). */
export function tokenKeyOf(settings: Settings): Promise<TokenKey> {
  let key = keys.get(settings);
  if (!key) {
    const secret = settings.pagination_token_secret;
    key = secret ? importTokenKey(secret) : generateTokenKey();
    keys.set(settings, key);
  }
  return key;
}

/** The known root fields of a strict-schema resource (`undefined` when schemaless). */
export function strictFields(request: ResourceRequest): { fields: readonly string[] } | undefined {
  const schema = request.resource.definition.schema;
  if (!schema?.strict) return undefined;
  return { fields: ['id', 'last_modified', ...(schemaFieldNames(schema) ?? [])] };
}

/** Parses the query string of a plural request (filters, sort, limit, token...). */
export async function readListQuery(
  request: ResourceRequest,
  method: 'GET' | 'HEAD' | 'DELETE',
): Promise<ListQuery> {
  const url = new URL(request.c.req.url);
  const strict = strictFields(request);
  const parsed = parseListQuery(url.searchParams, { now: Date.now(), method, ...(strict ? { strict } : {}) });
  const adjust = request.resource.definition.listFilters;
  const filters = adjust ? adjust(parsed.filters) : parsed.filters;
  for (const deprecation of parsed.deprecations) {
    request.c.set('alert', {
      code: 'soft-eol',
      message: deprecation.message,
      url: request.settings.project_docs,
    });
  }
  const scope = await tokenScope({
    resource: request.scope.resource,
    parent: request.scope.parent,
    filters,
    sort: parsed.sort,
  });
  let after: KeysetCursor | undefined;
  let offset = 0;
  let nonce: string | undefined;
  if (parsed.token !== null && parsed.token !== '') {
    const payload = await decodeToken(parsed.token, await tokenKeyOf(request.settings), scope);
    after = payload.after;
    offset = payload.offset;
    nonce = payload.nonce;
    if (method === 'DELETE') {
      const stored = nonce === undefined ? undefined : await request.c.get('backends').cache.delete(nonce);
      if (stored === undefined) throw invalidQuery('_token', '_token was already used or has expired.');
    }
  }
  return {
    filters,
    sort: parsed.sort,
    limit: effectiveLimit(parsed.limit, request.settings),
    fields: parsed.fields,
    includeDeleted: parsed.hasTimestampFilter,
    after,
    offset,
    nonce,
    scope,
  };
}
