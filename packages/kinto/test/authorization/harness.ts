import { writeFileSync } from 'node:fs';
import type { Backends } from '@core/contracts';
import { createKintoApp } from '../../src/create-kinto-app.ts';
import { createUser } from '../../src/plugins/create-user.ts';
import { reservedAccountIds } from '../../src/plugins/reserved-accounts.ts';
import { POSTGRES_URL, productionBackends, productionServersUp, REDIS_URL } from '../e2e/production.ts';
import { type Expected, entryLabel, type Permissions, uris } from './kinto-rules.ts';
import {
  type AccountSpec,
  accountOf,
  type Caller,
  callerName,
  passwordOf,
  SHARED_ACCOUNTS,
  SUITE_SETTINGS,
  TEAM_BUCKET,
  TEAM_GROUP,
  TREES,
  type TreeSpec,
  treeObjects,
  USERS,
} from './world.ts';

// The in-process servers the suite drives (createKintoApp + app.request): memory backends, and
// PostgreSQL + Redis chosen by settings on a fresh database and a private cache prefix.

export type BackendName = 'memory' | 'postgres';

const postgresUp = await productionServersUp();
if (!postgresUp && process.env.CI === 'true') {
  throw new Error(
    `PostgreSQL (${POSTGRES_URL}) or Redis (${REDIS_URL}) is down: the authorization suite must run on both backends under CI`,
  );
}
if (!postgresUp) {
  console.warn(
    `!! PostgreSQL or Redis is down: SKIPPING the authorization suite on PostgreSQL (${POSTGRES_URL})`,
  );
}

/** Whether the suite can run on `backend` here (PostgreSQL + Redis answer). */
export const backendAvailable = (backend: BackendName): boolean => backend === 'memory' || postgresUp;

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
type Json = any;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Json;
}

export interface SendOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as is (e.g. a JSON-Patch document with its own content type). */
  readonly rawBody?: string;
  /** The answer must come within this many milliseconds (a hang fails the case, not the run). */
  readonly deadlineMs?: number;
}

export const basicAuth = (account: string) => `Basic ${btoa(`${account}:${passwordOf(account)}`)}`;

/** A Kinto app in process, and how to call it as one of the world's callers. */
export class Server {
  private constructor(
    readonly backend: BackendName,
    private readonly fetcher: (path: string, init: RequestInit) => Response | Promise<Response>,
    private readonly teardown: () => Promise<void>,
    private readonly backends: Backends,
    private readonly settings: Readonly<Record<string, unknown>>,
  ) {}

  static async start(backend: BackendName, extra: Record<string, unknown> = {}): Promise<Server> {
    const production = backend === 'postgres' ? await productionBackends() : undefined;
    const settings = { ...SUITE_SETTINGS, ...production?.settings, ...extra };
    const { app, backends } = await createKintoApp({ settings, importer: (name) => import(name) });
    return new Server(
      backend,
      (path, init) => app.request(path, init),
      async () => {
        await backends.cache.close?.();
        await backends.storage.close?.();
        await backends.permission.close?.();
        await production?.drop();
      },
      backends,
      settings,
    );
  }

  close(): Promise<void> {
    return this.teardown();
  }

  /** `method /v1<path>` as `caller`, JSON body, answered within `deadlineMs` (default 10 s). */
  async send(caller: Caller, method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    const account = accountOf(caller);
    const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    const headers: Record<string, string> = {
      ...(account ? { Authorization: basicAuth(account) } : {}),
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    };
    const deadline = options.deadlineMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`${method} ${path} as ${callerName(caller)}: no answer within ${deadline} ms`)),
        deadline,
      );
    });
    try {
      const response = await Promise.race([
        this.fetcher(`/v1${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }),
        timeout,
      ]);
      const text = await Promise.race([response.text(), timeout]);
      let json: Json;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = { unparsed: text };
      }
      return { status: response.status, headers: response.headers, json };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends and insists on one of `statuses` (seeding: a failure here is not a finding). */
  async must(caller: Caller, method: string, path: string, statuses: number[], options: SendOptions = {}) {
    const answer = await this.send(caller, method, path, options);
    if (!statuses.includes(answer.status)) {
      throw new Error(
        `seeding: ${method} ${path} as ${callerName(caller)} answered ${answer.status} ${JSON.stringify(answer.json)}`,
      );
    }
    return answer;
  }

  // ---- seeding -------------------------------------------------------------------------------

  /** Creates the world of world.ts (what planWorld() describes to the oracle). */
  async seedWorld(): Promise<void> {
    for (const user of USERS) await this.createAccount({ id: user, permissions: {} });
    for (const account of SHARED_ACCOUNTS) await this.createAccount(account);
    await this.must('alice', 'PUT', uris.bucket(TEAM_BUCKET), [201], { body: { data: {} } });
    await this.must('alice', 'PUT', TEAM_GROUP, [201], { body: { data: { members: ['account:carol'] } } });
    for (const user of ['alice', 'carol', 'dave'] as const) {
      await this.must(user, 'PUT', '/buckets/default', [201], { body: { data: {} } });
    }
    for (const tree of TREES) await this.seedTree(tree);
  }

  /**
   * Creates an account anonymously — or as the operator (`kinto create-user`) when the settings name
   * it, since sign-up refuses those — then its owner shares it (PATCH of its permissions).
   */
  async createAccount(account: AccountSpec): Promise<void> {
    const id = account.id;
    if (reservedAccountIds(this.settings).has(id)) {
      await createUser(this.backends, { username: id, password: passwordOf(id), settings: this.settings });
    } else {
      await this.must('anonymous', 'PUT', uris.account(id), [201], {
        body: { data: { password: passwordOf(id) } },
      });
    }
    if (Object.keys(account.permissions).length > 0) {
      await this.must({ account: id }, 'PATCH', uris.account(id), [200], {
        body: { permissions: account.permissions },
      });
    }
  }

  /** Puts an account back as seeded: an administrator resets its password, its owner its ACEs. */
  async restoreAccount(account: AccountSpec): Promise<void> {
    const id = account.id;
    await this.must('admin', 'PUT', uris.account(id), [200, 201], {
      body: { data: { password: passwordOf(id) } },
    });
    const permissions: Permissions = {
      read: account.permissions.read ?? [],
      write: [`account:${id}`, ...(account.permissions.write ?? [])],
    };
    await this.must({ account: id }, 'PATCH', uris.account(id), [200], { body: { permissions } });
  }

  /** Creates a tree's four objects in one batch, as its owner. */
  async seedTree(tree: TreeSpec): Promise<void> {
    const requests = treeObjects(tree).map((object) => ({
      method: 'PUT',
      path: `/v1${tree.viaDefault ? object.uri.replace(uris.bucket(tree.id), '/buckets/default') : object.uri}`,
      body: { data: object.data, permissions: object.permissions },
    }));
    const answer = await this.must(tree.owner, 'POST', '/batch', [200], { body: { requests } });
    const statuses = (answer.json.responses as { status: number }[]).map((response) => response.status);
    if (statuses.some((status) => status !== 201)) {
      throw new Error(`seeding tree ${tree.id}: ${JSON.stringify(answer.json.responses)}`);
    }
  }

  /** Deletes a tree and creates it again as seeded (after a write that should have been refused). */
  async restoreTree(tree: TreeSpec): Promise<void> {
    await this.must(tree.owner, 'DELETE', uris.bucket(tree.id), [200, 404]);
    await this.seedTree(tree);
  }
}

// ---- comparing answers with the oracle ----------------------------------------------------------

const statusesOf = (expected: Expected): readonly number[] =>
  typeof expected.status === 'number' ? [expected.status] : expected.status;

/** How the answer differs from the oracle's expectation (empty when it matches). */
export function differences(expected: Expected, answer: Answer, method: string): string[] {
  const problems: string[] = [];
  const statuses = statusesOf(expected);
  if (!statuses.includes(answer.status))
    return [`status ${answer.status}, expected ${statuses.join(' or ')}`];
  const { json } = answer;
  const head = method.toUpperCase() === 'HEAD';
  if (answer.status >= 400) {
    if (!head && statuses.length === 1 && expected.errno !== undefined && json?.errno !== expected.errno) {
      problems.push(`errno ${json?.errno}, expected ${expected.errno}`);
    }
    if (!head && expected.missing !== undefined && json?.details?.resource_name !== expected.missing) {
      problems.push(`404 names ${json?.details?.resource_name}, expected ${expected.missing}`);
    }
    if (!head && json?.data !== undefined) problems.push('the refusal carries data');
    const challenged = answer.headers.get('WWW-Authenticate') !== null;
    if (answer.status === 401 && !expected.unchallenged && !challenged)
      problems.push('401 without WWW-Authenticate');
    if (answer.status === 401 && expected.unchallenged && challenged)
      problems.push('401 with a WWW-Authenticate challenge Kinto does not send');
    return problems;
  }
  const data: Json[] | undefined = Array.isArray(json?.data) ? json.data : undefined;
  if (expected.ids) {
    const ids = data?.map((object) => object.id).sort();
    if (JSON.stringify(ids) !== JSON.stringify(expected.ids)) {
      problems.push(`ids ${JSON.stringify(ids)}, expected ${JSON.stringify(expected.ids)}`);
    }
  }
  if (expected.total !== undefined && answer.headers.get('Total-Objects') !== String(expected.total)) {
    problems.push(`Total-Objects ${answer.headers.get('Total-Objects')}, expected ${expected.total}`);
  }
  if (expected.entries) {
    const entries = data?.map(entryLabel).sort();
    if (JSON.stringify(entries) !== JSON.stringify(expected.entries)) {
      problems.push(`history ${JSON.stringify(entries)}, expected ${JSON.stringify(expected.entries)}`);
    }
  }
  if (expected.removed !== undefined && data?.length !== expected.removed) {
    problems.push(`removed ${data?.length} entries, expected ${expected.removed}`);
  }
  if (expected.permissionEntries) {
    const entries = data
      ?.map((entry) => `${entry.uri} ${entry.resource_name} ${[...entry.permissions].sort().join(',')}`)
      .sort();
    const missing = expected.permissionEntries.filter((entry) => !entries?.includes(entry));
    const extra = entries?.filter((entry) => !expected.permissionEntries?.includes(entry)) ?? [];
    if (missing.length > 0 || extra.length > 0) {
      problems.push(`/permissions missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`);
    }
  }
  if (expected.permissionsVisible !== undefined && !head) {
    const shown = json?.permissions !== undefined && Object.keys(json.permissions).length > 0;
    if (shown !== expected.permissionsVisible) {
      problems.push(
        expected.permissionsVisible
          ? 'permissions hidden from a writer'
          : 'permissions shown to a non-writer',
      );
    }
  }
  if (answer.headers.get('Next-Page')) problems.push('paginated (the suite expects one page)');
  return problems;
}

/** One cell whose answer differs from the oracle's. */
export interface Mismatch {
  readonly cell: string;
  readonly caller: string;
  readonly expected: string;
  readonly actual: string;
  readonly problems: readonly string[];
  /** The start of the answer's body. */
  readonly body: string;
}

const describeStatus = (expected: Expected) => statusesOf(expected).join('|');

/** Collects mismatches of a run and prints them grouped at the end. */
export class MismatchLog {
  readonly mismatches: Mismatch[] = [];

  constructor(readonly backend: BackendName) {}

  add(cell: string, caller: string, expected: Expected, answer: Answer, problems: readonly string[]): void {
    this.mismatches.push({
      cell,
      caller,
      expected: describeStatus(expected),
      actual: String(answer.status),
      problems,
      body: JSON.stringify(answer.json ?? null).slice(0, 300),
    });
  }

  /** Mismatches grouped by cell template and status change, counted. */
  summary(): string {
    const groups = new Map<string, string[]>();
    for (const mismatch of this.mismatches) {
      const template = mismatch.cell.replace(/^\S+ · /, '');
      const key = `${template} — ${mismatch.problems[0]?.replace(/\[.*\]/g, '[…]')}`;
      const list = groups.get(key) ?? [];
      list.push(`${mismatch.cell.split(' · ')[0]} as ${mismatch.caller}`);
      groups.set(key, list);
    }
    const lines = [...groups].sort(([a], [b]) => a.localeCompare(b));
    return [
      `authorization suite on ${this.backend}: ${this.mismatches.length} cells differ from Kinto's rules`,
      ...lines.map(([key, where]) => `  ${where.length}× ${key}\n      ${where.slice(0, 8).join('; ')}`),
    ].join('\n');
  }

  /** Prints the summary, and writes the mismatches to $AUTHZ_REPORT_DIR/<backend>.json when set. */
  flush(): void {
    if (this.mismatches.length > 0) console.warn(this.summary());
    const directory = process.env.AUTHZ_REPORT_DIR;
    if (directory)
      writeFileSync(`${directory}/${this.backend}.json`, JSON.stringify(this.mismatches, null, 1));
  }
}
