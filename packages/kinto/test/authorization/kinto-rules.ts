import { createHmac } from 'node:crypto';

// An oracle of Kinto's authorization decisions, written from Kinto's source (github Kinto/kinto,
// commit 8050e50e, "Fix breaking change for request.effective_principals") and
// /work/shared/spec/permissions.md — never from this server's answers. `KintoState` is the world
// as Kinto would store it (objects, ACEs, history entries); `expectedAnswer()` replays, for one
// request, what Kinto's RouteFactory + AuthorizationPolicy.permits() + the resource views decide.
// Citations are `file:line` in that commit. Where Kinto contradicts its own documented rule (the
// accounts plugin answering anonymous callers, /permissions after a bucket named "default"), the
// documented rule wins and the comment says so.

export const EVERYONE = 'system.Everyone';
export const AUTHENTICATED = 'system.Authenticated';

export type ResourceName = 'bucket' | 'collection' | 'group' | 'record' | 'account';

type Tree = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>>>;

/**
 * kinto/authorization.py:27-57 PERMISSIONS_INHERITANCE_TREE, transcribed — deliberately not imported
 * from @core/authz (whose KINTO_INHERITANCE it resembles): the suite must fail when the server's tree
 * loses an edge. Plus what the plugins add at start-up:
 * kinto/plugins/accounts/__init__.py:33-37 (`account`, root `account:create`) and
 * kinto/plugins/history/__init__.py:65-68 (`history`).
 */
export const INHERITANCE_TREE: Tree = {
  root: { 'bucket:create': {}, write: {}, read: {}, 'account:create': {} },
  bucket: {
    write: { bucket: ['write'] },
    read: { bucket: ['write', 'read'] },
    'read:attributes': { bucket: ['write', 'read', 'collection:create', 'group:create'] },
    'group:create': { bucket: ['write', 'group:create'] },
    'collection:create': { bucket: ['write', 'collection:create'] },
  },
  group: {
    write: { bucket: ['write'], group: ['write'] },
    read: { bucket: ['write', 'read'], group: ['write', 'read'] },
  },
  collection: {
    write: { bucket: ['write'], collection: ['write'] },
    read: { bucket: ['write', 'read'], collection: ['write', 'read'] },
    'read:attributes': { bucket: ['write', 'read'], collection: ['write', 'read', 'record:create'] },
    'record:create': { bucket: ['write'], collection: ['write', 'record:create'] },
  },
  record: {
    write: { bucket: ['write'], collection: ['write'], record: ['write'] },
    read: { bucket: ['write', 'read'], collection: ['write', 'read'], record: ['write', 'read'] },
  },
  account: { write: { account: ['write'] }, read: { account: ['write', 'read'] } },
  history: {
    read: { bucket: ['write', 'read'], history: ['write', 'read'] },
    write: { bucket: ['write'], history: ['write'] },
  },
};

/** kinto/authorization.py:60-79 `_resource_endpoint`: (resource name, is plural) of a URI. */
export function resourceEndpoint(uri: string): [string, boolean] {
  let parts = uri.split('/');
  const plural = parts.length % 2 === 0;
  if (plural) parts = parts.slice(0, -1);
  if (parts.length <= 2) return ['', false];
  return [parts[parts.length - 2]!.replace(/s+$/, ''), plural];
}

/** kinto/authorization.py:82-92 `_relative_object_uri`. */
function relativeObjectUri(resourceName: string, uri: string): string {
  const parts = uri.split('/');
  for (let length = 0; length <= parts.length; length++) {
    const parent = parts.slice(0, length).join('/');
    if (resourceEndpoint(parent)[0] === resourceName) return parent;
  }
  throw new Error(`Cannot get URL of resource '${resourceName}' from parent '${uri}'.`);
}

export type Bound = readonly (readonly [string, string])[];

/**
 * kinto/authorization.py:95-124 `_inherited_permissions`: every (object URI, permission) that grants
 * `permission` on `uri`. A single object asks for `<permission>:attributes` first (read of a bucket
 * or collection object), a plural URI for the permission itself.
 */
export function inheritedPermissions(uri: string, permission: string): Bound {
  const [name, plural] = resourceEndpoint(uri);
  const tree = INHERITANCE_TREE[name];
  if (!tree) return [];
  // Python evaluates `tree[permission]` eagerly as the default of `.get()` (line 115).
  const base = tree[permission];
  if (!base) throw new Error(`KeyError: ${name}.${permission} (Kinto answers 500)`);
  const granters = (plural ? undefined : tree[`${permission}:attributes`]) ?? base;
  const bound: [string, string][] = [];
  for (const [related, permissions] of Object.entries(granters)) {
    for (const granted of permissions) bound.push([relativeObjectUri(related, uri), granted]);
  }
  return bound;
}

/** An object as Kinto stores it (`parent` is the storage parent id). */
export interface StoredObject {
  readonly resource: ResourceName;
  readonly id: string;
  readonly uri: string;
  readonly parent: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A history entry (kinto/plugins/history/listener.py): its key stands for the server's UUID. */
export interface HistoryEntry {
  readonly key: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly uri: string;
}

/** The label a history entry is compared by (its id is the server's UUID). */
export const entryLabel = (entry: { action: string; uri: string }): string => `${entry.action} ${entry.uri}`;

export type Permissions = Readonly<Record<string, readonly string[]>>;

const intersects = (a: Iterable<string>, b: ReadonlySet<string>): boolean => {
  for (const item of a) if (b.has(item)) return true;
  return false;
};

/** `aslist()` of a principals setting. */
const asList = (value: string | undefined): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean);

/** The URI of an object (no version prefix), as Kinto's `instance_uri`. */
export const uris = {
  bucket: (bucket: string) => `/buckets/${bucket}`,
  collection: (bucket: string, collection: string) => `/buckets/${bucket}/collections/${collection}`,
  group: (bucket: string, group: string) => `/buckets/${bucket}/groups/${group}`,
  record: (bucket: string, collection: string, record: string) =>
    `/buckets/${bucket}/collections/${collection}/records/${record}`,
  account: (account: string) => `/accounts/${account}`,
};

/**
 * kinto/plugins/default_bucket/__init__.py:161-166: the personal bucket id of `userId`, the first 32
 * hex digits of HMAC-SHA256(secret, user id) as a UUID.
 */
export function defaultBucketId(secret: string, userId: string): string {
  const hex = createHmac('sha256', secret).update(userId).digest('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The world as Kinto would hold it: storage objects, the permission backend's ACEs, history. */
export class KintoState {
  readonly objects = new Map<string, StoredObject>();
  readonly aces = new Map<string, Map<string, Set<string>>>();
  readonly history = new Map<string, HistoryEntry[]>();
  private entryCount = 0;

  constructor(readonly settings: Readonly<Record<string, string>>) {}

  /** A copy to try a change on. */
  clone(): KintoState {
    const copy = new KintoState(this.settings);
    for (const [uri, object] of this.objects) copy.objects.set(uri, object);
    for (const [uri, aces] of this.aces) {
      copy.aces.set(uri, new Map([...aces].map(([permission, who]) => [permission, new Set(who)])));
    }
    for (const [uri, entries] of this.history) copy.history.set(uri, [...entries]);
    copy.entryCount = this.entryCount;
    return copy;
  }

  setting(name: string): string[] {
    return asList(this.settings[name]);
  }

  /**
   * `request.prefixed_principals`: the user id, `system.Everyone`, `system.Authenticated` and the
   * groups whose members name the user or `system.Authenticated` (kinto/core/authorization.py:25-45,
   * the permission backend's `get_user_principals`).
   */
  principalsOf(userId: string | undefined): string[] {
    if (!userId) return [EVERYONE];
    const principals = [userId, EVERYONE, AUTHENTICATED];
    for (const object of this.objects.values()) {
      if (object.resource !== 'group') continue;
      const members = object.data.members;
      if (Array.isArray(members) && (members.includes(userId) || members.includes(AUTHENTICATED))) {
        principals.push(object.uri);
      }
    }
    return principals;
  }

  ace(uri: string, permission: string): ReadonlySet<string> {
    return this.aces.get(uri)?.get(permission) ?? new Set();
  }

  get(uri: string): StoredObject | undefined {
    return this.objects.get(uri);
  }

  children(resource: ResourceName, parent: string): StoredObject[] {
    return [...this.objects.values()].filter(
      (object) => object.resource === resource && (parent === '*' || object.parent === parent),
    );
  }

  /**
   * A creation as kinto/core/resource/model.py:263-303 stores it: the ACEs given, then the author
   * added to `write` (explicit_permissions), then one history entry for the four Kinto resources
   * (kinto/plugins/history/listener.py:99-199).
   */
  create(
    resource: ResourceName,
    uri: string,
    data: Record<string, unknown>,
    permissions: Permissions,
    author: string,
  ): void {
    const segments = uri.split('/');
    const id = segments[segments.length - 1]!;
    const parent = resource === 'account' ? id : segments.slice(0, -2).join('/');
    this.objects.set(uri, { resource, id, uri, parent, data: { ...data, id } });
    const aces = new Map<string, Set<string>>();
    for (const [permission, principals] of Object.entries(permissions)) {
      if (principals.length > 0) aces.set(permission, new Set(principals));
    }
    aces.set('write', new Set([...(aces.get('write') ?? []), author]));
    this.aces.set(uri, aces);
    if (resource !== 'account') this.recordHistory('create', uri);
  }

  /** Adds `principal` to the `write` ACE of `uri` (an update by an author, model.py:305-346). */
  addWriter(uri: string, principal: string): void {
    const aces = this.aces.get(uri) ?? new Map<string, Set<string>>();
    this.aces.set(uri, aces);
    aces.set('write', new Set([...(aces.get('write') ?? []), principal]));
  }

  /** Removes an object, its descendants and their ACEs (a bucket takes its history along). */
  remove(uri: string): void {
    for (const key of [...this.objects.keys()])
      if (key === uri || key.startsWith(`${uri}/`)) this.objects.delete(key);
    for (const key of [...this.aces.keys()])
      if (key === uri || key.startsWith(`${uri}/`)) this.aces.delete(key);
    if (this.history.has(uri)) this.history.delete(uri);
  }

  /** The read ACE of a new entry: bucket + collection read/write, the object's own (listener.py:109-199). */
  private recordHistory(action: HistoryEntry['action'], uri: string): void {
    const segments = uri.split('/');
    const bucketUri = segments.slice(0, 3).join('/');
    const collectionUri = segments[3] === 'collections' ? segments.slice(0, 5).join('/') : undefined;
    const readers = new Set<string>();
    for (const source of [bucketUri, collectionUri, uri]) {
      if (!source) continue;
      for (const permission of ['read', 'write'])
        for (const who of this.ace(source, permission)) readers.add(who);
    }
    this.entryCount += 1;
    const key = `entry${this.entryCount}`;
    const entries = this.history.get(bucketUri) ?? [];
    entries.push({ key, action, uri });
    this.history.set(bucketUri, entries);
    this.aces.set(`${bucketUri}/history/${key}`, new Map([['read', readers]]));
  }
}

/** A request as the oracle reads it: the path has no `/v1` prefix and may carry a query string. */
export interface OracleRequest {
  readonly method: string;
  readonly path: string;
  /** The prefixed user id (`account:bob`), absent for anonymous requests. */
  readonly userId?: string | undefined;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What Kinto answers, as far as the oracle knows it. */
export interface Expected {
  /** One status, or the statuses the documented rule allows (see `note`). */
  readonly status: number | readonly number[];
  readonly errno?: number;
  /** `details.resource_name` of a 404. */
  readonly missing?: string;
  /** Ids listed by a GET or deleted by a plural DELETE on success (sorted). */
  readonly ids?: readonly string[];
  /** `Total-Objects` of a plural HEAD. */
  readonly total?: number;
  /** History entries (`<action> <uri>`) listed (sorted). */
  readonly entries?: readonly string[];
  /** How many history entries a plural DELETE removes. */
  readonly removed?: number;
  /** `/permissions` entries (`<uri> <resource> <sorted permissions>`), sorted. */
  readonly permissionEntries?: readonly string[];
  /** Whether an object answer carries its `permissions` (kinto/core/resource/model.py:83-92). */
  readonly permissionsVisible?: boolean;
  /** A 401 raised by a view rather than by the authorization: no `WWW-Authenticate` challenge. */
  readonly unchallenged?: boolean;
  readonly note?: string;
}

interface Route {
  readonly resource: ResourceName | 'history' | 'permissions';
  readonly plural: boolean;
  /** The request URI without version prefix nor query. */
  readonly uri: string;
  readonly pluralUri: string;
  /** The storage parent id of the list. */
  readonly parent: string;
  readonly id?: string;
  readonly bucket?: string;
  readonly collection?: string;
  readonly query: URLSearchParams;
}

function parseRoute(path: string): Route | undefined {
  const [pathname = '', search = ''] = path.split('?');
  const query = new URLSearchParams(search);
  const s = pathname.split('/').slice(1);
  const at = (plural: boolean, resource: Route['resource'], pluralUri: string, parent: string) => ({
    resource,
    plural,
    uri: pathname,
    pluralUri,
    parent,
    query,
  });
  if (s[0] === 'permissions' && s.length === 1) return at(true, 'permissions', '/permissions', '');
  if (s[0] === 'accounts') {
    if (s.length === 1) return at(true, 'account', '/accounts', '');
    if (s.length === 2) return { ...at(false, 'account', '/accounts', s[1]!), id: s[1]! };
    return undefined;
  }
  if (s[0] !== 'buckets') return undefined;
  if (s.length === 1) return at(true, 'bucket', '/buckets', '');
  const bucket = s[1]!;
  const bucketUri = uris.bucket(bucket);
  if (s.length === 2) return { ...at(false, 'bucket', '/buckets', ''), id: bucket, bucket };
  const kind = s[2];
  if (kind === 'history' && s.length === 3)
    return { ...at(true, 'history', `${bucketUri}/history`, bucketUri), bucket };
  if (kind === 'groups' && s.length <= 4) {
    const route = { ...at(s.length === 3, 'group', `${bucketUri}/groups`, bucketUri), bucket };
    return s.length === 4 ? { ...route, id: s[3]! } : route;
  }
  if (kind !== 'collections') return undefined;
  if (s.length <= 4) {
    const route = { ...at(s.length === 3, 'collection', `${bucketUri}/collections`, bucketUri), bucket };
    return s.length === 4 ? { ...route, id: s[3]! } : route;
  }
  const collection = s[3]!;
  const collectionUri = uris.collection(bucket, collection);
  if (s[4] !== 'records' || s.length > 6) return undefined;
  const route = {
    ...at(s.length === 5, 'record', `${collectionUri}/records`, collectionUri),
    bucket,
    collection,
  };
  return s.length === 6 ? { ...route, id: s[5]! } : route;
}

/** kinto/core/authorization.py:145-151 `method_permissions` (PUT decided by the object's existence). */
const METHOD_PERMISSIONS: Readonly<Record<string, string>> = {
  HEAD: 'read',
  GET: 'read',
  POST: 'create',
  DELETE: 'write',
  PATCH: 'write',
};

/** kinto/views/__init__.py NameGenerator / RelaxedUUID regexp, and the accounts' (views.py:32-35). */
const ID_PATTERN: Readonly<Record<ResourceName, RegExp>> = {
  bucket: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
  collection: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
  group: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
  record: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
  account: /^[a-zA-Z0-9][+.@a-zA-Z0-9_-]*$/,
};

const dataOf = (body: unknown): Record<string, unknown> | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const data = Reflect.get(body, 'data');
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
};

/** kinto/views/groups.py:9-11: a member that is a group URI or `system.Everyone` is refused. */
function invalidBody(resource: Route['resource'], body: unknown): boolean {
  if (resource !== 'group') return false;
  const members = dataOf(body)?.members;
  return (
    Array.isArray(members) &&
    members.some((m) => typeof m !== 'string' || m.startsWith('/buckets/') || m === EVERYONE)
  );
}

const denied = (userId: string | undefined, note: string): Expected =>
  userId ? { status: 403, errno: 121, note } : { status: 401, errno: 104, note };

const notFound = (resource: string, errno = 110): Expected => ({ status: 404, errno, missing: resource });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class Decision {
  readonly principals: ReadonlySet<string>;

  constructor(
    readonly state: KintoState,
    readonly request: OracleRequest,
    readonly resourceName: string,
  ) {
    this.principals = new Set(state.principalsOf(request.userId));
  }

  /**
   * kinto/core/authorization.py:202-218 `check_permission`: a principals setting first (named after
   * the *requested* resource: `<resource>_<perm>_principals`, or `<perm>_principals` when the
   * permission already starts with the resource name), then the permission backend.
   */
  check(bound: Bound, requiredPermission: string): boolean {
    const perms: Bound = bound.length > 0 ? bound : [[this.resourceName, requiredPermission]];
    for (const [, permission] of perms) {
      const setting = permission.startsWith(this.resourceName)
        ? `${permission.replaceAll(':', '_')}_principals`
        : `${this.resourceName}_${permission}_principals`;
      if (intersects(this.state.setting(setting), this.principals)) return true;
    }
    return perms.some(([uri, permission]) => intersects(this.state.ace(uri, permission), this.principals));
  }

  /**
   * kinto/core/authorization.py:220-249 `fetch_shared_objects` with the memory/PostgreSQL backends'
   * `get_accessible_objects(with_children=False)`: ids of the objects matching `<plural>/*` on which
   * the principals hold a permission granting `permission`.
   */
  sharedIds(pattern: string, permission: string): string[] {
    const bound = inheritedPermissions(pattern, permission);
    const regexps = bound.map(
      ([uri, perm]) => [new RegExp(`^${escapeRegExp(uri).replaceAll('\\*', '[^/]+')}$`), perm] as const,
    );
    const ids = new Set<string>();
    for (const [uri, aces] of this.state.aces) {
      for (const [regexp, perm] of regexps) {
        const who = aces.get(perm);
        if (who && regexp.test(uri) && intersects(who, this.principals)) ids.add(uri.split('/').pop()!);
      }
    }
    return [...ids];
  }
}

/** kinto/core/resource/model.py:83-92: `permissions` are shown to the object's writers only. */
function permissionsVisible(state: KintoState, uri: string, principals: ReadonlySet<string>): boolean {
  return intersects(state.ace(uri, 'write'), principals);
}

const sorted = (items: Iterable<string>) => [...items].sort();

/**
 * Kinto's answer to `request` on `state` (status, and for lists the ids) — see the file comment.
 * Default-bucket paths must be resolved first with {@link resolveDefaultBucket}.
 */
export function expectedAnswer(state: KintoState, request: OracleRequest): Expected {
  const route = parseRoute(request.path);
  if (!route) throw new Error(`oracle: no route for ${request.path}`);
  if (route.resource === 'account') return accountAnswer(state, route, request);
  if (route.resource === 'permissions') return permissionsAnswer(state, request);
  return resourceAnswer(state, route, request);
}

function resourceAnswer(state: KintoState, route: Route, request: OracleRequest): Expected {
  const method = request.method.toUpperCase();
  const { userId } = request;
  const resource = route.resource as ResourceName | 'history';
  const decision = new Decision(state, request, resource);
  const collectionUri =
    route.bucket !== undefined && route.collection !== undefined
      ? uris.collection(route.bucket, route.collection)
      : undefined;
  const parentMissing = resource === 'record' && !(collectionUri && state.get(collectionUri));

  // kinto/core/authorization.py:177-191: for writes on an object and POST on a plural the resource
  // is instantiated before the permission check; a record's __init__ then verifies its collection
  // (kinto/views/records.py:25-41) → 404 errno 111 whoever asks.
  const writeOnObject = !route.plural && ['PUT', 'PATCH', 'DELETE'].includes(method);
  const postOnPlural = route.plural && method === 'POST';
  if (resource === 'record' && (writeOnObject || postOnPlural) && parentMissing) {
    return { ...notFound('collection', 111), note: 'records.py:25-41 before authorization' };
  }
  if (route.plural && !['GET', 'HEAD', 'POST', 'DELETE'].includes(method)) return { status: 405 };
  if (!route.plural && method === 'POST') return { status: 405 };
  if (resource === 'history' && method === 'POST') return { status: 405 };

  let current: StoredObject | undefined;
  let postedId: string | undefined;
  if (writeOnObject) current = state.get(route.uri);
  if (postOnPlural) {
    const id = dataOf(request.body)?.id;
    // kinto/core/resource/__init__.py:265-279 `object_id` (an invalid id is a 400 before anything).
    if (id !== undefined) {
      if (typeof id !== 'string' || !ID_PATTERN[resource as ResourceName].test(id))
        return { status: 400, errno: 107 };
      postedId = id;
      current = state.get(`${route.pluralUri}/${id}`);
    }
  }

  // kinto/core/authorization.py:282-329 `_find_required_permission`.
  let objectId = route.uri;
  let required = METHOD_PERMISSIONS[method];
  if (method === 'PUT') {
    if (!current || request.headers?.['If-None-Match'] === '*') {
      objectId = route.pluralUri;
      required = 'create';
    } else required = 'write';
  }
  if (method === 'POST' && current) {
    objectId = `${route.pluralUri}/${postedId}`;
    required = 'read';
  }
  if (!required) return { status: 405 };

  // kinto/core/authorization.py:59-119 `permits`.
  const createPermission = `${resource}:create`;
  const permission = required === 'create' ? createPermission : required;
  const bound = inheritedPermissions(objectId, permission);
  let allowed = decision.check(bound, required);
  const parentUri = objectId.split('/').slice(0, -1).join('/');
  if (required === 'write' && !route.plural && !current) {
    // Lines 81-87: a write on an unknown object needs `read` on the parent list instead (→ 404).
    allowed = decision.check(inheritedPermissions(parentUri, 'read'), required);
  }
  let shared: string[] | undefined;
  const listOperation = route.plural && !permission.endsWith('create') && !current;
  if (!allowed && listOperation) {
    // Lines 89-108: shared objects of the list, else `<resource>:create` on the parent.
    shared = decision.sharedIds(`${route.pluralUri}/*`, permission);
    allowed = shared.length > 0;
    if (!allowed) {
      allowed = decision.check(
        bound.length > 0 ? [[parentUri, createPermission]] : [['', 'create']],
        required,
      );
    }
  }
  if (!allowed) return denied(userId, `${permission} on ${objectId}`);

  // The views (kinto/core/resource/__init__.py); a record verifies its collection first.
  if (resource === 'record' && parentMissing) {
    return { ...notFound('collection', 111), note: 'records.py:25-41 after authorization' };
  }
  if (resource === 'history') return historyAnswer(state, route, method, shared);
  const name = resource as ResourceName;
  if (!route.plural) {
    const existing = state.get(route.uri);
    if ((method === 'PUT' || method === 'PATCH') && invalidBody(name, request.body))
      return { status: 400, errno: 107 };
    if (method === 'PUT') return { status: existing ? 200 : 201 };
    if (!existing) return notFound(name);
    if (method === 'GET' || method === 'HEAD') {
      return { status: 200, permissionsVisible: permissionsVisible(state, route.uri, decision.principals) };
    }
    return { status: 200 };
  }
  if (method === 'POST') {
    // Cornice validates the body before plural_post() looks the id up (resource/__init__.py:424-467).
    if (invalidBody(name, request.body)) return { status: 400, errno: 107 };
    return { status: current ? 200 : 201 };
  }
  const listed = listedIds(state, name, route, shared);
  if (method === 'HEAD') return { status: 200, total: listed.length };
  return { status: 200, ids: listed };
}

/** The ids a plural GET lists / DELETE removes: the children, `id IN shared` (resource/__init__.py:1185-1191). */
function listedIds(
  state: KintoState,
  resource: ResourceName,
  route: Route,
  shared: string[] | undefined,
): string[] {
  let children = state.children(resource, route.parent);
  if (shared) children = children.filter((child) => shared.includes(child.id));
  const only = route.query.get('in_id');
  if (only !== null) children = children.filter((child) => only.split(',').includes(child.id));
  const hasFilters = [...route.query.keys()].filter((key) => key.startsWith('has_'));
  for (const key of hasFilters) {
    // `has_<field>=true|false`. Kinto's memory backend drops the `id IN shared` filter here; its
    // PostgreSQL backend and the documented rule (permissions.md §3.6) keep it.
    const field = key.slice(4);
    const want = route.query.get(key) !== 'false';
    children = children.filter((child) => (child.data[field] !== undefined) === want);
  }
  return sorted(children.map((child) => child.id));
}

/** kinto/plugins/history/views.py:46-71: a plural-only resource (GET, HEAD as GET, DELETE). */
function historyAnswer(
  state: KintoState,
  route: Route,
  method: string,
  shared: string[] | undefined,
): Expected {
  let entries = state.history.get(uris.bucket(route.bucket!)) ?? [];
  if (shared) entries = entries.filter((entry) => shared.includes(entry.key));
  // HEAD goes to the GET view (Pyramid: a GET view answers HEAD), which sets no Total-Objects.
  if (method === 'HEAD') return { status: 200 };
  // A plural DELETE answers the tombstones ({id, last_modified, deleted}) of what it removed.
  if (method === 'DELETE') return { status: 200, removed: entries.length };
  return { status: 200, entries: sorted(entries.map(entryLabel)) };
}

/**
 * Accounts (kinto/plugins/accounts/views.py). Kinto scopes a non-administrator to their own parent
 * id (views.py:68-95), which turns others' accounts into 404s (reads) and 403s (writes,
 * core/authorization.py:84-87) even when they were shared. Two of its paths contradict the rule the
 * spec (kinto-resources.md §7) and the brief document — "only the owner and the principals of
 * `account_write_principals` manage an account; a password hash is returned to nobody else":
 *  - an anonymous caller gets the parent id of the URL (views.py:91-93), so an account readable or
 *    writable by `system.Everyone` would be returned (with its hash), replaced or deleted
 *    anonymously: the documented rule answers 401;
 *  - an administrator only in `account_write_principals` lists just the accounts shared with them
 *    (the list check reads `account_read_principals`, authorization.py:206-207): the documented rule
 *    ("administrators can list all accounts") lists every account.
 */
/**
 * Not Kinto: an account a `*_principals` setting names (`account:admin`) is never created by an
 * anonymous sign-up, which let the first comer administer every account (issue 12 item 5).
 */
const reservedNote = 'an account the settings name is created by kinto create-user, never anonymously';

function reserved(state: KintoState, id: string | undefined): boolean {
  if (id === undefined) return false;
  return Object.keys(state.settings).some(
    (name) => name.endsWith('_principals') && state.setting(name).includes(`account:${id}`),
  );
}

function accountAnswer(state: KintoState, route: Route, request: OracleRequest): Expected {
  const method = request.method.toUpperCase();
  const { userId } = request;
  const principals = new Set(state.principalsOf(userId));
  const admin = intersects(state.setting('account_write_principals'), principals);
  const self = userId?.startsWith('account:') ? userId.slice('account:'.length) : undefined;
  const all = state.children('account', '*');
  const documented = 'kinto-resources.md §7: only the owner and administrators manage an account';
  if (route.plural) {
    if (method === 'POST') {
      const id = dataOf(request.body)?.id;
      if (typeof id !== 'string') return { status: 400, errno: 107 };
      const exists = state.get(uris.account(id)) !== undefined;
      if (!userId && !exists && reserved(state, id)) return { status: 401, errno: 104, note: reservedNote };
      if (!userId) return exists ? { status: 401, errno: 104, note: documented } : { status: 201 };
      if (admin) return { status: exists ? 200 : 201 };
      if (id !== self)
        return { status: 400, errno: 107, note: 'views.py:114-120 Username and account ID do not match' };
      return { status: 200 };
    }
    // Anonymous: views.py:18-29 ("Cannot read accounts.", errno 999, raised by the view: no challenge).
    if (!userId) return { status: 401, errno: 999, unchallenged: true };
    const visible = sorted(
      all.filter((account) => admin || account.id === self).map((account) => account.id),
    );
    if (method === 'HEAD') return { status: 200, total: visible.length };
    return { status: 200, ids: visible };
  }
  const uri = route.uri;
  const existing = state.get(uri);
  const owner = self !== undefined && route.id === self;
  if (!userId) {
    if (method === 'PUT' && !existing && !reserved(state, route.id)) return { status: 201 };
    if (method === 'PUT' && !existing) return { status: 401, errno: 104, note: reservedNote };
    return { status: 401, errno: 104, note: documented };
  }
  if (admin || owner) {
    if (method === 'PUT') return { status: existing ? 200 : 201 };
    if (!existing) return notFound('account');
    if (method === 'GET' || method === 'HEAD') return { status: 200, permissionsVisible: true };
    return { status: 200 };
  }
  if (method === 'PUT')
    return { status: 400, errno: 107, note: 'views.py:114-120 Username and account ID do not match' };
  if (method === 'GET' || method === 'HEAD') {
    const granted = existing && ['read', 'write'].some((p) => intersects(state.ace(uri, p), principals));
    // Kinto lets the read through and then misses the object under the caller's parent (404); the
    // spec says 403 — both reveal nothing.
    return granted
      ? { status: [403, 404], note: 'Kinto 404 (views.py:87-89), spec 403' }
      : { status: 403, errno: 121 };
  }
  return { status: 403, errno: 121, note: 'core/authorization.py:84-87' };
}

/** The descending tree of kinto/views/permissions.py:104-112. */
function descendingTree(): Map<string, Map<string, Map<string, Set<string>>>> {
  const tree = new Map<string, Map<string, Map<string, Set<string>>>>();
  for (const [onResource, perms] of Object.entries(INHERITANCE_TREE)) {
    for (const [obtained, from] of Object.entries(perms)) {
      for (const [fromResource, fromPerms] of Object.entries(from)) {
        for (const perm of fromPerms) {
          const byPerm = tree.get(fromResource) ?? new Map<string, Map<string, Set<string>>>();
          tree.set(fromResource, byPerm);
          const byResource = byPerm.get(perm) ?? new Map<string, Set<string>>();
          byPerm.set(perm, byResource);
          const set = byResource.get(onResource) ?? new Set<string>();
          byResource.set(onResource, set);
          set.add(obtained);
        }
      }
    }
  }
  return tree;
}

/** The resource name of an object URI, as `view_lookup` finds it; `undefined` for non-objects. */
function lookupResource(uri: string): string | undefined {
  if (uri === '/') return 'root';
  const route = parseRoute(uri);
  if (!route || route.plural || route.resource === 'history' || route.resource === 'permissions')
    return undefined;
  return route.resource;
}

/**
 * kinto/views/permissions.py:95-193: one entry per object URI on which the principals hold an ACE
 * (history entries and other non-object URIs skipped), plus the root entry from the `*_create`
 * settings; each entry's permissions expanded with what they imply on the same object. Kinto 500s
 * when a bucket is named `default` (view_lookup finds the default-bucket route); the documented rule
 * (permissions.md §4) lists it as a bucket.
 */
function permissionsAnswer(state: KintoState, request: OracleRequest): Expected {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 };
  const principals = new Set(state.principalsOf(request.userId));
  // permissions_read_principals (default system.Everyone) guards the endpoint.
  if (!intersects(state.setting('permissions_read_principals'), principals))
    return denied(request.userId, 'read');
  const byUri = new Map<string, Set<string>>();
  for (const [uri, aces] of state.aces) {
    for (const [permission, who] of aces) {
      if (!intersects(who, principals)) continue;
      const set = byUri.get(uri) ?? new Set<string>();
      byUri.set(uri, set);
      set.add(permission);
    }
  }
  // allowed_from_settings (permissions.py:13-58), reduced to the root permissions: the suite sets no
  // bucket_/collection_/group_ read or write principals.
  for (const [name, value] of Object.entries(state.settings)) {
    const resource = /^(bucket|account)_create_principals$/.exec(name)?.[1];
    if (!resource || !intersects(asList(value), principals)) continue;
    const set = byUri.get('/') ?? new Set<string>();
    byUri.set('/', set);
    set.add(`${resource}:create`);
  }
  const tree = descendingTree();
  const entries: string[] = [];
  for (const [uri, perms] of byUri) {
    const resource = lookupResource(uri);
    if (!resource) continue;
    const expanded = new Set(perms);
    for (const perm of perms) {
      if (resource === 'root') continue;
      for (const implied of tree.get(resource)?.get(perm)?.get(resource) ?? []) expanded.add(implied);
    }
    entries.push(`${uri} ${resource} ${sorted(expanded).join(',')}`);
  }
  if (method === 'HEAD') return { status: 200, total: entries.length };
  return { status: 200, permissionEntries: sorted(entries) };
}

/**
 * kinto/plugins/default_bucket/__init__.py:113-158: `/buckets/default...` is the caller's personal
 * bucket, created (with `collections/<cid>` when the path names one) unless the request itself
 * creates it. Returns the rewritten request and the objects Kinto creates first, or the 401 of an
 * anonymous caller.
 */
export function resolveDefaultBucket(
  state: KintoState,
  request: OracleRequest,
): { request: OracleRequest; creates: { resource: ResourceName; uri: string }[] } | { expected: Expected } {
  const [pathname = '', search] = request.path.split('?');
  if (!/^\/buckets\/default(\/|$)/.test(pathname)) return { request, creates: [] };
  if (!request.userId) return { expected: { status: 401, errno: 104 } };
  const bucket = defaultBucketId(state.settings.userid_hmac_secret ?? '', request.userId);
  const method = request.method.toUpperCase();
  const creates: { resource: ResourceName; uri: string }[] = [];
  const bucketUri = uris.bucket(bucket);
  const bucketPut = method === 'PUT' && pathname.endsWith('buckets/default');
  if (!bucketPut && !state.get(bucketUri)) creates.push({ resource: 'bucket', uri: bucketUri });
  const subpath = pathname.slice('/buckets/default/'.length);
  if (subpath.replace(/\/$/, '').startsWith('collections/')) {
    const collection = subpath.split('/')[1]!;
    const collectionUri = uris.collection(bucket, collection);
    const collectionPut = method === 'PUT' && pathname.endsWith(collection);
    if (!collectionPut && !state.get(collectionUri))
      creates.push({ resource: 'collection', uri: collectionUri });
  }
  const path = pathname.replace('/buckets/default', bucketUri) + (search !== undefined ? `?${search}` : '');
  // A PUT without a body is re-sent with `{"data": {}}` (line 143).
  return { request: { ...request, path, body: request.body ?? { data: {} } }, creates };
}

/**
 * Records in `state` what a request Kinto answered as `expected` changed (creations, updates adding
 * their author to `write`, deletions), so later expectations see it. History entries of updates are
 * not tracked (no later cell reads them).
 */
export function applyAnswer(state: KintoState, request: OracleRequest, expected: Expected): void {
  const status = typeof expected.status === 'number' ? expected.status : expected.status[0]!;
  const route = parseRoute(request.path.split('?')[0]!);
  const method = request.method.toUpperCase();
  if (!route || status >= 300 || route.resource === 'history' || route.resource === 'permissions') return;
  const resource = route.resource;
  const data = dataOf(request.body) ?? {};
  const permissions = (
    typeof request.body === 'object' && request.body !== null
      ? (Reflect.get(request.body, 'permissions') ?? {})
      : {}
  ) as Permissions;
  // An account's author is always its owner (kinto/plugins/accounts/views.py:58-61).
  const author = (id: string) => (resource === 'account' ? `account:${id}` : (request.userId ?? EVERYONE));
  if (!route.plural) {
    if (method === 'PUT' && status === 201)
      state.create(resource, route.uri, data, permissions, author(route.id!));
    else if (method === 'PUT' || method === 'PATCH') state.addWriter(route.uri, author(route.id!));
    else if (method === 'DELETE') state.remove(route.uri);
    return;
  }
  if (method === 'POST' && status === 201) {
    const id = String(data.id);
    state.create(resource, `${route.pluralUri}/${id}`, data, permissions, author(id));
  }
  if (method === 'DELETE') for (const id of expected.ids ?? []) state.remove(`${route.pluralUri}/${id}`);
}
