import type { BoundPermission } from '@core/contracts';
import type { ResourceGraph, ResourceNode } from './resource-graph.ts';

/** The tree entry for `permission`, with `read:attributes` falling back on `read`. */
function treeEntry(node: ResourceNode, permission: string) {
  const tree = node.definition.inherits;
  return tree?.[permission] ?? (permission === 'read:attributes' ? tree?.read : undefined);
}

/** The permission names that grant `permission` on the object itself, when no tree says otherwise. */
function ownGranters(permission: string): readonly string[] {
  return permission === 'read' || permission === 'read:attributes' ? ['write', 'read'] : [permission];
}

/**
 * Every (object URI, permission) pair granting `permission` on object `uri` of resource `node`, from
 * its inheritance tree (permissions.md §3.3). Without a tree entry the permission is granted by
 * itself only (and `read` by `write` too).
 */
export function boundPermissions(
  graph: ResourceGraph,
  node: ResourceNode,
  uri: string,
  permission: string,
): BoundPermission[] {
  const entry = treeEntry(node, permission);
  if (!entry) return ownGranters(permission).map((name) => [uri, name] as const);
  const bound: BoundPermission[] = [];
  for (const [related, permissions] of Object.entries(entry)) {
    const relatedUri = graph.relatedUri(node, uri, related);
    if (relatedUri === null) continue;
    for (const name of permissions) bound.push([relatedUri, name]);
  }
  return bound;
}

/** The permissions on an object of `node` itself that grant `permission` on it. */
export function selfGranters(node: ResourceNode, permission: string): readonly string[] {
  const entry = treeEntry(node, permission);
  return entry ? (entry[node.definition.name] ?? []) : ownGranters(permission);
}
