import type { JsonObject, StorageOperations } from '@core/contracts';
import type { Caller, ResourceDefinition, Settings } from '@core/http-api';
import { compilePattern, matchPattern } from '../authorization/route-pattern.ts';
import { settingPrincipals } from '../authorization/setting-principals.ts';

/** What the entries are computed from. */
export interface EntriesContext {
  readonly resources: readonly ResourceDefinition[];
  readonly caller: Caller;
  readonly settings: Settings;
  readonly defaults: Readonly<Record<string, readonly string[]>>;
  /** Resources whose `<resource>_<perm>_principals` settings list every object (default bucket, collection, group). */
  readonly expand: readonly string[];
  readonly storage: StorageOperations;
  /** The objects on which the caller's principals hold permissions (permission backend). */
  readonly accessible: ReadonlyMap<string, ReadonlySet<string>>;
}

function pluralName(definition: ResourceDefinition): string {
  return definition.pluralPath.split('/').at(-1) ?? '';
}

function parentOf(definition: ResourceDefinition, resources: readonly ResourceDefinition[]) {
  const parentPath = definition.pluralPath.split('/').slice(0, -1).join('/');
  if (parentPath === '') return null;
  const segments = compilePattern(parentPath).length;
  return (
    resources.find(
      (candidate) =>
        candidate.objectPath !== null &&
        compilePattern(candidate.objectPath).length === segments &&
        parentPath.endsWith(`/${pluralName(candidate)}/:${candidate.name}_id`),
    ) ?? null
  );
}

/** The URIs of every object of `definition` (one query per parent object, as Kinto does). */
async function everyObject(context: EntriesContext, definition: ResourceDefinition): Promise<string[]> {
  const parent = parentOf(definition, context.resources);
  const parents = parent ? await everyObject(context, parent) : [''];
  const uris: string[] = [];
  for (const parentUri of parents) {
    const objects = await context.storage.listAll({ resource: definition.name, parent: parentUri });
    for (const object of objects) uris.push(`${parentUri}/${pluralName(definition)}/${object.id}`);
  }
  return uris;
}

const holds = (context: EntriesContext, name: string) => {
  const granted = settingPrincipals(context.settings, name, context.defaults);
  return granted.some((principal) => context.caller.principals.includes(principal));
};

/** Permissions held on every object by settings, by object URI (`/` = root). */
async function fromSettings(context: EntriesContext): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  const add = (uri: string, permission: string) => {
    const set = result.get(uri) ?? new Set<string>();
    set.add(permission);
    result.set(uri, set);
  };
  for (const definition of context.resources) {
    const parent = parentOf(definition, context.resources);
    if (holds(context, `${definition.name}_create_principals`)) {
      if (!parent) add('/', `${definition.name}:create`);
      else if (context.expand.includes(parent.name)) {
        for (const uri of await everyObject(context, parent)) add(uri, `${definition.name}:create`);
      }
    }
    if (!context.expand.includes(definition.name)) continue;
    const permissions = (definition.permissions ?? ['read', 'write']).filter(
      (permission) =>
        !permission.includes(':') && holds(context, `${definition.name}_${permission}_principals`),
    );
    if (permissions.length === 0) continue;
    for (const uri of await everyObject(context, definition)) for (const name of permissions) add(uri, name);
  }
  return result;
}

/** The permissions `held` on an object of `definition` imply on the same object (its tree, inverted). */
function expand(definition: ResourceDefinition, held: ReadonlySet<string>): string[] {
  const tree = definition.inherits ?? {};
  const implied = Object.keys(tree).filter((permission) =>
    (tree[permission]?.[definition.name] ?? []).some((granter) => held.has(granter)),
  );
  if (!definition.inherits && held.has('write')) implied.push('write', 'read');
  return [...new Set([...implied, ...held])];
}

function entryOf(uri: string, held: ReadonlySet<string>, resources: readonly ResourceDefinition[]) {
  for (const definition of resources) {
    if (definition.objectPath === null) continue;
    const params = matchPattern(compilePattern(definition.objectPath), uri);
    if (!params) continue;
    const entry: JsonObject = { uri, resource_name: definition.name, permissions: expand(definition, held) };
    for (const [name, value] of Object.entries(params)) entry[name] = value;
    if (params.id !== undefined) entry[`${definition.name}_id`] = params.id;
    return entry;
  }
  return null;
}

/** The `/permissions` entries of the caller (permissions.md §4), unsorted. */
export async function permissionEntries(context: EntriesContext): Promise<JsonObject[]> {
  const byUri = new Map<string, Set<string>>();
  for (const [uri, permissions] of context.accessible) byUri.set(uri, new Set(permissions));
  for (const [uri, permissions] of await fromSettings(context)) {
    const set = byUri.get(uri) ?? new Set<string>();
    for (const permission of permissions) set.add(permission);
    byUri.set(uri, set);
  }
  const entries: JsonObject[] = [];
  for (const [uri, held] of byUri) {
    if (uri === '/') {
      entries.push({ uri, resource_name: 'root', permissions: [...held] });
      continue;
    }
    const entry = entryOf(uri, held, context.resources);
    if (entry) entries.push(entry);
  }
  return entries;
}
