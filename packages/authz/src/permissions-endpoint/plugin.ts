import {
  type ApiEnv,
  type ApiPlugin,
  type Capability,
  forbidden,
  methodNotAllowed,
  type ResourceDefinition,
  unauthorized,
} from '@core/http-api';
import type { Context } from 'hono';
import { KINTO_DEFAULT_PRINCIPALS } from '../authorization/inheritance.ts';
import { settingPrincipals } from '../authorization/setting-principals.ts';
import { permissionEntries } from './entries.ts';
import { applyEntryQuery, encodeOffset, parseEntryQuery, projectEntry } from './entry-query.ts';

const LISTING_EXPOSED = [
  'Next-Page',
  'Last-Modified',
  'ETag',
  'Cache-Control',
  'Expires',
  'Pragma',
  'Total-Objects',
  'Total-Records',
];

/** Options of {@link permissionsEndpointPlugin}. */
export interface PermissionsEndpointOptions {
  readonly resources: readonly ResourceDefinition[];
  /** Principals of absent `*_principals` settings; default {@link KINTO_DEFAULT_PRINCIPALS}. */
  readonly defaultPrincipals?: Readonly<Record<string, readonly string[]>>;
  /** Resources whose `<resource>_<perm>_principals` settings list all their objects. */
  readonly expandSettingsFor?: readonly string[];
}

/** The hello view capability of the endpoint. */
export const PERMISSIONS_ENDPOINT_CAPABILITY: Capability = {
  description: 'The permissions endpoint can be used to list all user objects permissions.',
  url: 'https://kinto.readthedocs.io/en/latest/configuration/settings.html#activating-the-permissions-endpoint',
};

function knownFields(resources: readonly ResourceDefinition[]): Set<string> {
  const known = new Set(['uri', 'resource_name', 'permissions', 'id']);
  for (const definition of resources) {
    known.add(`${definition.name}_id`);
    for (const match of (definition.objectPath ?? '').matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g))
      known.add(match[1]!);
  }
  return known;
}

function nextPageUrl(c: Context<ApiEnv>, offset: number, limit: number): string {
  const url = new URL(c.req.url);
  url.searchParams.set('_limit', String(limit));
  url.searchParams.set('_token', encodeOffset(offset));
  return url.toString();
}

/**
 * `GET|HEAD /permissions` (permissions.md §4): the caller's objects and what they may do there. Add
 * it when `experimental_permissions_endpoint` is on; access follows `permissions_read_principals`.
 */
export function permissionsEndpointPlugin(options: PermissionsEndpointOptions): ApiPlugin {
  const defaults = options.defaultPrincipals ?? KINTO_DEFAULT_PRINCIPALS;
  const expand = options.expandSettingsFor ?? ['bucket', 'collection', 'group'];
  const known = knownFields(options.resources);

  async function list(c: Context<ApiEnv>) {
    const { caller, settings, backends } = c.var;
    // Inside a batch, read through the batch's transaction: a direct call would wait for it to end.
    const reader = c.get('transaction') ?? backends;
    const readers = settingPrincipals(settings, 'permissions_read_principals', defaults);
    if (!readers.some((principal) => caller.principals.includes(principal))) {
      if (caller.userId !== null) throw forbidden();
      throw unauthorized(
        c
          .get('policies')
          .map((policy) => policy.challenge?.())
          .find((value) => value),
      );
    }
    const query = parseEntryQuery(new URL(c.req.url).searchParams, known);
    const entries = await permissionEntries({
      resources: options.resources,
      caller,
      settings,
      defaults,
      expand,
      storage: reader.storage,
      accessible: await reader.permission.getAccessibleObjects(caller.principals),
    });
    const sorted = applyEntryQuery(entries, query);
    const headers: Record<string, string> = { ETag: '"0"' };
    if (c.req.method === 'HEAD') {
      const total = String(sorted.length);
      return c.body(null, 200, { ...headers, 'Total-Objects': total, 'Total-Records': total });
    }
    const pageSize = Math.min(
      query.limit ?? Number.MAX_SAFE_INTEGER,
      settings.paginate_by ?? Number.MAX_SAFE_INTEGER,
    );
    const page = sorted.slice(query.offset, query.offset + pageSize);
    const end = query.offset + page.length;
    if (end < sorted.length) headers['Next-Page'] = nextPageUrl(c, end, pageSize);
    const fields = query.fields;
    const data = fields ? page.map((entry) => projectEntry(entry, fields)) : page;
    // As on every listing (Kinto registers /permissions as a resource).
    c.set('exposeHeaders', LISTING_EXPOSED);
    return c.json({ data }, 200, headers);
  }

  return {
    name: 'permissions-endpoint',
    capabilities: { permissions_endpoint: PERMISSIONS_ENDPOINT_CAPABILITY },
    routes(v1) {
      v1.get('/permissions', list);
      v1.all('/permissions', () => Promise.reject(methodNotAllowed()));
    },
  };
}
