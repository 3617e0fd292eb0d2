import type { BoundPermission, SharedRestriction } from '@core/contracts';
import type {
  AuthorizationDecision,
  AuthorizationRequest,
  Authorizer,
  ResourceDefinition,
} from '@core/http-api';
import { boundPermissions, selfGranters } from './bound-permissions.ts';
import { KINTO_DEFAULT_PRINCIPALS } from './inheritance.ts';
import { buildResourceGraph, type ResourceGraph, type ResourceNode } from './resource-graph.ts';
import { settingName, settingPrincipals } from './setting-principals.ts';

/** Options of {@link createAuthorizer}. */
export interface AuthorizerOptions {
  /** Every resource of the app (ancestors are found among them). */
  readonly resources: readonly ResourceDefinition[];
  /** Principals of `*_principals` settings when absent; default {@link KINTO_DEFAULT_PRINCIPALS}. */
  readonly defaultPrincipals?: Readonly<Record<string, readonly string[]>>;
}

const ALLOWED: AuthorizationDecision = { allowed: true };
const REFUSED: AuthorizationDecision = { allowed: false };

/**
 * Kinto's authorization (permissions.md §3): the inheritance trees of the resources, the
 * `<resource>_<permission>_principals` settings (checked first), the permission backend, and shared
 * listings restricted to the objects the caller may see: one `getAccessibleObjects` query for their
 * ids, or, when the storage joins ACEs itself (`sharedListing`), one asking whether there is any.
 */
export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  const graph = buildResourceGraph(options.resources);
  const defaults = options.defaultPrincipals ?? KINTO_DEFAULT_PRINCIPALS;

  /** Settings first (for every permission name involved), then the backend. */
  async function check(
    request: AuthorizationRequest,
    node: ResourceNode,
    required: string,
    bound: readonly BoundPermission[],
  ): Promise<boolean> {
    const names = new Set([required, ...bound.map(([, permission]) => permission)]);
    if (required === 'read') names.add('write');
    const principals = new Set(request.caller.principals);
    for (const name of names) {
      const granted = settingPrincipals(request.settings, settingName(node.definition.name, name), defaults);
      if (granted.some((principal) => principals.has(principal))) return true;
    }
    if (bound.length === 0) return false;
    return request.permission.checkPermission(request.caller.principals, bound);
  }

  /** `permission` on the parent object (tree of the parent resource), for requests on `node`. */
  function parentBound(node: ResourceNode, parentUri: string, permission: string): BoundPermission[] {
    if (parentUri === '') return [];
    const parent = node.parent;
    if (!parent) {
      const name = permission === 'read:attributes' ? 'read' : permission;
      return name === 'read'
        ? [
            [parentUri, 'write'],
            [parentUri, 'read'],
          ]
        : [[parentUri, name]];
    }
    return boundPermissions(graph, parent, parentUri, permission);
  }

  const mayCreate = (request: AuthorizationRequest, node: ResourceNode) => {
    const permission = `${node.definition.name}:create`;
    return check(request, node, 'create', parentBound(node, request.parentUri, permission));
  };

  /** The prefix of this list's object URIs (`/buckets/b/collections`). */
  function listPrefix(node: ResourceNode, parentUri: string): string {
    const last = node.definition.pluralPath.split('/').at(-1) ?? '';
    return `${parentUri}/${last}`;
  }

  /** The objects of the list whose own ACEs grant `permission` to the caller. */
  function sharedOf(
    request: AuthorizationRequest,
    node: ResourceNode,
    permission: string,
  ): SharedRestriction {
    // The objects' own URIs (`/buckets/*`) are asked for: Kinto then applies the object meaning of
    // `read` (`read:attributes`), so a bucket where the caller may only create collections is listed.
    const key = permission === 'read' ? 'read:attributes' : permission;
    return {
      uriPrefix: `${listPrefix(node, request.parentUri)}/`,
      permissions: selfGranters(node, key),
      principals: [...request.caller.principals],
    };
  }

  /**
   * The ids of the objects `shared` allows, or with `limit: 1` whether there is any (the storage joins
   * the ACEs itself when it offers `listShared`).
   */
  async function sharedIds(request: AuthorizationRequest, shared: SharedRestriction, limit?: number) {
    const { uriPrefix } = shared;
    const bound = shared.permissions.map((name) => [`${uriPrefix}*`, name] as const);
    if (bound.length === 0) return [];
    const accessible = await request.permission.getAccessibleObjects(request.caller.principals, bound, {
      withChildren: false,
      ...(limit === undefined ? {} : { limit }),
    });
    const ids: string[] = [];
    for (const uri of accessible.keys()) {
      const id = uri.slice(uriPrefix.length);
      if (uri.startsWith(uriPrefix) && id !== '' && !id.includes('/')) ids.push(id);
    }
    return ids.sort();
  }

  async function list(
    request: AuthorizationRequest,
    node: ResourceNode,
    permission: 'read' | 'write',
  ): Promise<AuthorizationDecision> {
    if (await check(request, node, permission, parentBound(node, request.parentUri, permission))) {
      return ALLOWED;
    }
    const shared = sharedOf(request, node, permission);
    if (request.sharedListing) {
      if ((await sharedIds(request, shared, 1)).length > 0) return { allowed: true, shared };
    } else {
      const ids = await sharedIds(request, shared);
      if (ids.length > 0) return { allowed: true, onlyIds: ids };
    }
    return (await mayCreate(request, node)) ? { allowed: true, onlyIds: [] } : REFUSED;
  }

  async function decide(request: AuthorizationRequest, node: ResourceNode): Promise<boolean> {
    switch (request.kind) {
      case 'create':
        return mayCreate(request, node);
      case 'read':
      case 'write': {
        const uri = request.objectUri ?? '';
        const key = request.kind === 'read' ? 'read:attributes' : 'write';
        return check(request, node, request.kind, boundPermissions(graph, node, uri, key));
      }
      case 'read-parent':
        // Kinto checks `read` on the list's URI (`/buckets/b/collections`): the parent's plain `read`,
        // so a create permission alone does not reveal that an object is missing (Kinto/kinto#918).
        return check(request, node, 'read', parentBound(node, request.parentUri, 'read'));
      default:
        return false;
    }
  }

  return {
    async authorize(request) {
      const node = nodeFor(graph, request.resource);
      if (request.kind === 'list-read') return list(request, node, 'read');
      if (request.kind === 'list-write') return list(request, node, 'write');
      return (await decide(request, node)) ? ALLOWED : REFUSED;
    },
  };
}

function nodeFor(graph: ResourceGraph, resource: ResourceDefinition): ResourceNode {
  // A resource the authorizer was not told about is judged alone, without ancestors.
  return graph.node(resource.name) ?? buildResourceGraph([resource]).node(resource.name)!;
}
