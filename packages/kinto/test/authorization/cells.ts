import {
  applyAnswer,
  type Expected,
  expectedAnswer,
  type KintoState,
  type OracleRequest,
  resolveDefaultBucket,
} from './kinto-rules.ts';
import {
  type AccountSpec,
  type Caller,
  SHARED_ACCOUNTS,
  TREES,
  type TreeSpec,
  treeName,
  type User,
  userIdOf,
} from './world.ts';

// The cells of the matrix: request templates on a tree (its bucket, collection, group, record, their
// lists and missing neighbours), on an account, and on the root, each sent by every caller.

/** A request template: `{T}` is the target's id (bucket or account), `{n}` a fresh id. */
export interface Template {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** Reads never change the world; writes might. */
  readonly write: boolean;
  /** A granted write changes or removes what other cells read: it runs on a fresh copy. */
  readonly fresh?: boolean;
}

const t = (method: string, path: string, options: Omit<Template, 'label' | 'method' | 'path'>): Template => ({
  label: `${method} ${path}${options.body !== undefined ? ` ${JSON.stringify(options.body)}` : ''}`,
  method,
  path,
  ...options,
});
const read = (method: string, path: string, body?: unknown) =>
  t(method, path, { write: false, ...(body !== undefined ? { body } : {}) });
const write = (method: string, path: string, body?: unknown, fresh = false) =>
  t(method, path, { write: true, fresh, ...(body !== undefined ? { body } : {}) });

const B = '/buckets/{T}';
const C = `${B}/collections/c`;
const G = `${B}/groups/g`;
const R = `${C}/records/r`;
const CX = `${B}/collections/nx`;
const GX = `${B}/groups/nx`;
const RX = `${C}/records/nx`;
const NODES: readonly [string, unknown][] = [
  [B, { data: {} }],
  [C, { data: {} }],
  [G, { data: { members: [] } }],
  [R, { data: { title: 'put' } }],
];
const PATCH_BODY = { data: { touched: true } };

/** Requests on a tree: its objects, their lists (parent and children), missing ids and parents. */
export const TREE_TEMPLATES: readonly Template[] = [
  ...NODES.flatMap(([path]) => [read('GET', path), read('HEAD', path)]),
  ...[`${B}/collections`, `${B}/groups`, `${C}/records`, `${B}/history`].flatMap((path) => [
    read('GET', path),
    read('HEAD', path),
  ]),
  read('GET', CX),
  read('GET', GX),
  read('GET', RX),
  read('HEAD', RX),
  read('GET', `${CX}/records`),
  read('GET', `${CX}/records/r`),
  // POST with an existing id answers the object to those who may read it.
  read('POST', '/buckets', { data: { id: '{T}' } }),
  read('POST', `${B}/collections`, { data: { id: 'c' } }),
  read('POST', `${B}/groups`, { data: { id: 'g', members: [] } }),
  read('POST', `${C}/records`, { data: { id: 'r' } }),
  ...NODES.flatMap(([path, body]) => [
    write('PUT', path, body, true),
    write('PATCH', path, PATCH_BODY, true),
    write('DELETE', path, undefined, true),
  ]),
  write('PUT', `${B}/collections/new-{n}`, { data: {} }),
  write('PATCH', CX, PATCH_BODY),
  write('DELETE', CX),
  write('PUT', `${B}/groups/new-{n}`, { data: { members: [] } }),
  write('PATCH', GX, PATCH_BODY),
  write('DELETE', GX),
  write('PUT', `${C}/records/new-{n}`, { data: {} }),
  write('PATCH', RX, PATCH_BODY),
  write('DELETE', RX),
  write('PUT', `${CX}/records/r`, { data: {} }),
  write('POST', `${B}/collections`, { data: { id: 'new-{n}' } }),
  write('POST', `${B}/groups`, { data: { id: 'new-{n}', members: [] } }),
  write('POST', `${C}/records`, { data: { id: 'new-{n}' } }),
  ...[`${B}/collections`, `${B}/groups`, `${C}/records`, `${B}/history`].map((path) =>
    write('DELETE', path, undefined, true),
  ),
  write('DELETE', `${CX}/records`),
];

const A = '/accounts/{T}';
const PASSWORD = { data: { password: '{T}-secret' } };

/** Requests on an account (and its list) and on missing accounts. */
export const ACCOUNT_TEMPLATES: readonly Template[] = [
  read('GET', A),
  read('HEAD', A),
  read('GET', '/accounts'),
  read('HEAD', '/accounts'),
  read('POST', '/accounts', { data: { id: '{T}', password: '{T}-secret' } }),
  read('GET', '/accounts/nx'),
  // PUT (same password, no permissions) and PATCH leave an account as it was: no copy needed.
  write('PUT', A, PASSWORD),
  write('PATCH', A, { data: { note: 'x' } }),
  write('DELETE', A, undefined, true),
  write('PUT', '/accounts/new-{n}', { data: { password: 'new-secret' } }),
  write('PATCH', '/accounts/nx', { data: { note: 'x' } }),
  write('DELETE', '/accounts/nx'),
];

const NX = '/buckets/nx';

/** Requests that name no seeded tree: the root lists, missing buckets, the default bucket. */
export const GLOBAL_TEMPLATES: readonly Template[] = [
  read('GET', '/buckets'),
  read('HEAD', '/buckets'),
  read('GET', '/buckets?has_title=false'),
  read('GET', '/permissions'),
  read('HEAD', '/permissions'),
  read('GET', NX),
  read('HEAD', NX),
  read('GET', `${NX}/collections`),
  read('GET', `${NX}/groups`),
  read('GET', `${NX}/history`),
  read('GET', `${NX}/collections/c`),
  read('GET', `${NX}/collections/c/records`),
  read('GET', `${NX}/collections/c/records/r`),
  read('GET', '/buckets/default'),
  read('HEAD', '/buckets/default'),
  read('GET', '/buckets/default/collections'),
  read('GET', '/buckets/default/groups'),
  write('PATCH', NX, PATCH_BODY),
  write('DELETE', NX),
  write('PUT', `${NX}/collections/c`, { data: {} }),
  write('POST', `${NX}/collections`, { data: { id: 'c' } }),
  write('DELETE', `${NX}/collections`),
  write('PUT', `${NX}/collections/c/records/r`, { data: {} }),
  write('POST', '/buckets', { data: { id: 'new-{n}' } }),
  write('PUT', '/buckets/new-{n}', { data: {} }),
];

/** A caller role: `owner` is the target's owner (the account itself for account targets). */
export type Role = User | 'anonymous' | 'owner';

/** What a cell is about. */
export type Target =
  | { readonly kind: 'tree'; readonly tree: TreeSpec }
  | { readonly kind: 'account'; readonly account: AccountSpec }
  | { readonly kind: 'global' };

export const targetName = (target: Target): string =>
  target.kind === 'tree' ? treeName(target.tree) : target.kind === 'account' ? target.account.id : 'root';

/** The caller a role stands for on `target`. */
export function callerFor(role: Role, target: Target): Caller {
  if (role !== 'owner') return role;
  if (target.kind === 'tree') return target.tree.owner;
  if (target.kind === 'account') return { account: target.account.id };
  throw new Error('a global cell has no owner');
}

/**
 * Who sends each cell of a tree: anonymous always; the principal kind the grant names — another
 * account (bob, or carol on bob's personal bucket), a member of the group (carol), any authenticated
 * user (dave, for system.Authenticated and system.Everyone) — and someone the grant does not name
 * (carol for bob's grant, bob for the group's); the owner on the ungranted tree and on bob's personal
 * bucket. Accounts: anonymous, the owner, bob, carol (group member), dave and an administrator. The
 * root: everyone.
 */
export function rolesFor(target: Target): readonly Role[] {
  if (target.kind === 'account') return ['anonymous', 'owner', 'bob', 'carol', 'dave', 'admin'];
  if (target.kind === 'global') return ['anonymous', 'alice', 'bob', 'carol', 'dave'];
  const { tree } = target;
  if (tree.viaDefault) return ['anonymous', 'owner', 'carol', 'dave'];
  const principal = tree.grant?.principal;
  if (principal === undefined) return ['anonymous', 'bob', 'owner'];
  if (principal === 'account:bob') return ['anonymous', 'bob', 'carol'];
  if (principal.startsWith('/buckets/')) return ['anonymous', 'carol', 'bob'];
  return ['anonymous', 'dave'];
}

/** The concrete request of a template on a target (`n` makes fresh ids unique). */
export function instantiate(template: Template, id: string, n: string): { path: string; body?: unknown } {
  const fill = (text: string) => text.replaceAll('{T}', id).replaceAll('{n}', n);
  return {
    path: fill(template.path),
    ...(template.body !== undefined ? { body: JSON.parse(fill(JSON.stringify(template.body))) } : {}),
  };
}

export const targetId = (target: Target): string =>
  target.kind === 'tree' ? target.tree.id : target.kind === 'account' ? target.account.id : '';

/** The oracle's request for `caller`. */
export function oracleRequest(caller: Caller, method: string, path: string, body?: unknown): OracleRequest {
  return { method, path, userId: userIdOf(caller), ...(body !== undefined ? { body } : {}) };
}

/**
 * The oracle's expectation for a request (default-bucket aliases resolved), and how to record its
 * effects in `state` once the server answered as expected.
 */
export function expectationFor(
  state: KintoState,
  request: OracleRequest,
): { expected: Expected; apply(): void } {
  const resolved = resolveDefaultBucket(state, request);
  if ('expected' in resolved) return { expected: resolved.expected, apply() {} };
  const pending = resolved.creates.filter((create) => !state.get(create.uri));
  const world = pending.length > 0 ? state.clone() : state;
  for (const create of pending) world.create(create.resource, create.uri, {}, {}, request.userId!);
  const expected = expectedAnswer(world, resolved.request);
  return {
    expected,
    apply() {
      for (const create of pending) state.create(create.resource, create.uri, {}, {}, request.userId!);
      applyAnswer(state, resolved.request, expected);
    },
  };
}

/** Where a cell runs: reads on the pristine world, refusals next, granted writes on copies. */
export type Phase = 'read' | 'refused' | 'granted';

const succeeds = (expected: Expected) =>
  (typeof expected.status === 'number' ? [expected.status] : expected.status).every((status) => status < 400);

/** The phase of a template sent by `caller`, from the oracle's answer on the planned world. */
export function phaseOf(template: Template, expected: Expected): Phase {
  if (!template.write) return 'read';
  if (!succeeds(expected)) return 'refused';
  // A plural DELETE that removes nothing changes nothing.
  const removes = (expected.ids?.length ?? 0) + (expected.removed ?? 0);
  if (template.method === 'DELETE' && (expected.ids || expected.removed !== undefined) && removes === 0) {
    return 'refused';
  }
  return 'granted';
}

/** Every target of the matrix. */
export const TARGETS: readonly Target[] = [
  ...TREES.map((tree): Target => ({ kind: 'tree', tree })),
  ...SHARED_ACCOUNTS.map((account): Target => ({ kind: 'account', account })),
  { kind: 'global' },
];

export const templatesOf = (target: Target): readonly Template[] =>
  target.kind === 'tree' ? TREE_TEMPLATES : target.kind === 'account' ? ACCOUNT_TEMPLATES : GLOBAL_TEMPLATES;
