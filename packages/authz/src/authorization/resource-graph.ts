import type { ResourceDefinition } from '@core/http-api';
import { compilePattern, fillPattern, matchPattern, type PatternSegment } from './route-pattern.ts';

/** What the authorizer knows of a resource: its definition and its object path, compiled. */
export interface ResourceNode {
  readonly definition: ResourceDefinition;
  readonly object: readonly PatternSegment[] | null;
  /** The resource whose objects hold this one's lists, when declared. */
  readonly parent: ResourceNode | null;
}

/** The declared resources, linked to their parents, and URI resolution between them. */
export interface ResourceGraph {
  node(name: string): ResourceNode | undefined;
  /**
   * The URI of ancestor (or self) `name` of the object `uri` of resource `of`: a child's URL
   * parameter for ancestor `X` is `X_id`, the ancestor's own object path uses `:id`.
   */
  relatedUri(of: ResourceNode, uri: string, name: string): string | null;
}

// The parent pattern of a resource, with the parent's `:id` named as its children name it.
function asChildSees(node: ResourceDefinition): string | null {
  if (node.objectPath === null) return null;
  return compilePattern(node.objectPath)
    .map((segment) =>
      'literal' in segment
        ? segment.literal
        : `:${segment.param === 'id' ? `${node.name}_id` : segment.param}`,
    )
    .join('/');
}

function parentPattern(definition: ResourceDefinition): string {
  const segments = compilePattern(definition.pluralPath).slice(0, -1);
  return segments.map((segment) => ('literal' in segment ? segment.literal : `:${segment.param}`)).join('/');
}

/** Builds the {@link ResourceGraph} of `resources`. */
export function buildResourceGraph(resources: readonly ResourceDefinition[]): ResourceGraph {
  const childViews = new Map(resources.map((definition) => [asChildSees(definition), definition.name]));
  const nodes = new Map<string, ResourceNode>();
  const nodeOf = (definition: ResourceDefinition, seen: Set<string>): ResourceNode => {
    const known = nodes.get(definition.name);
    if (known) return known;
    const parentName = childViews.get(parentPattern(definition));
    const parentDefinition = resources.find((candidate) => candidate.name === parentName);
    seen.add(definition.name);
    const parent =
      parentDefinition && !seen.has(parentDefinition.name) ? nodeOf(parentDefinition, seen) : null;
    const node: ResourceNode = {
      definition,
      object: definition.objectPath === null ? null : compilePattern(definition.objectPath),
      parent,
    };
    nodes.set(definition.name, node);
    return node;
  };
  for (const definition of resources) nodeOf(definition, new Set());

  return {
    node: (name) => nodes.get(name),
    relatedUri(of, uri, name) {
      if (of.object === null) return name === of.definition.name ? uri : null;
      const params = matchPattern(of.object, uri);
      if (params === null) return null;
      if (name === of.definition.name) return uri;
      const related = nodes.get(name);
      if (!related?.object) return null;
      const mapped: Record<string, string> = { ...params };
      const own = params[`${name}_id`];
      if (own === undefined) return null;
      mapped.id = own;
      return fillPattern(related.object, mapped);
    },
  };
}
