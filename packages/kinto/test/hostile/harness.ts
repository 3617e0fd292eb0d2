import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, it } from 'vitest';
import { basic } from '../e2e/helpers.ts';
import { POSTGRES_URL, productionBackends, productionServersUp, REDIS_URL } from '../e2e/production.ts';
import {
  chunkedFrames,
  exchange,
  type HeaderPair,
  latin1,
  plainFrames,
  type RawAnswer,
  requestHead,
} from './raw-http.ts';
import { type BackendName, type ServerProcess, startServerProcess } from './servers.ts';

export type { BackendName };

// The hostile-input suite's harness (issue 22). Each test file starts two real Kinto servers, one
// on memory and one on a fresh PostgreSQL database + Redis prefix, seeds both alike, and sends every
// hostile request byte for byte to both. For each case it checks: no 5xx, Kinto's JSON error shape
// on a 4xx, the same status and errno on both backends, an answer within the deadline, and that the
// server still serves a storage read afterwards. While the hostile request is in flight a cheap
// probe (a sentinel record GET) runs against the same server; its worst latency is printed in a
// table at the end of the file, never asserted. At the end every sentinel is re-read from both
// servers and compared with what was seeded.

/** Client-side deadline of one hostile request (and of each probe): no answer by then fails the case. */
export const DEADLINE_MS = Number(process.env.HOSTILE_DEADLINE_MS ?? 30_000);
/** Vitest timeout of one case: the deadline, a last probe, a restart after a hang. */
export const CASE_TIMEOUT_MS = 2 * DEADLINE_MS + 60_000;
const HOOK_TIMEOUT_MS = 180_000;

export type Who = 'alice' | 'bob' | 'anonymous';

const PASSWORDS: Readonly<Record<Exclude<Who, 'anonymous'>, string>> = {
  alice: 'alice-secret',
  bob: 'bob-secret',
};

/** The `Authorization` header of a seeded account. */
export const authOf = (who: Exclude<Who, 'anonymous'>): string => basic(who, PASSWORDS[who]);

/** The sentinels, seeded on both servers and re-read at the end of every file. */
export const SENTINEL = {
  /** Their bucket (alice's; the `readers` group holds bob). */
  bucket: '/v1/buckets/sentinels',
  /** Records `s1`…`s3` (+ extras), readable by bob through the `readers` group. */
  records: '/v1/buckets/sentinels/collections/c/records',
  /** Records `shared` (read by bob) and `secret` (alice only). */
  private: '/v1/buckets/sentinels/collections/private/records',
} as const;
/** The bucket where cases may create and change things (alice writes, authenticated users read). */
export const ARENA = '/v1/buckets/arena';

/** One raw HTTP request, sent as written (the target and headers verbatim). */
export interface HostileRequest {
  readonly method?: string;
  /** The request target, verbatim: `/v1/buckets/x?y=z`. */
  readonly path: string;
  /** Whose Basic credentials to add (default `alice`), unless `headers` has an `Authorization`. */
  readonly auth?: Who;
  readonly headers?: Readonly<Record<string, string>> | readonly HeaderPair[];
  /** A body, as text (sent as UTF-8) or bytes; `Content-Type: application/json` unless given. */
  readonly body?: string | Uint8Array;
  /** A body as a value to `JSON.stringify` (lone surrogates come out escaped, `\ud800`). */
  readonly json?: unknown;
  /** `Content-Type` of a body; `null` sends none. Default `application/json`. */
  readonly contentType?: string | null;
  /** `Transfer-Encoding: chunked` instead of `Content-Length`. */
  readonly chunked?: boolean;
  /** The whole head (request line + headers + blank line), verbatim, instead of the fields above. */
  readonly head?: string;
}

/** A request, or one built per backend (tokens, ids and timestamps differ between servers). */
export type RequestOf = HostileRequest | ((backend: Backend) => HostileRequest | Promise<HostileRequest>);

/** What a case expects, beyond the checks made for every case. */
export interface Expectation {
  /** Expected status: a number, one of a list, a class, or `'any'` below 500 (the default). */
  readonly status?: number | readonly number[] | '2xx' | '4xx' | 'any';
  readonly errno?: number;
  /** The `error` field of the error body. */
  readonly error?: string;
  /** `details[0].name`: this one, one of these, or one matching this pattern. */
  readonly name?: string | readonly string[] | RegExp;
  /** `details[0].location`. */
  readonly location?: string;
  /**
   * Node's HTTP parser may refuse the request before Kinto sees it (bad bytes, headers over its
   * limit): a 4xx without Kinto's JSON body is then accepted.
   */
  readonly parserLevel?: boolean;
  /** A projection of the JSON body that must be equal on both backends (e.g. batch subresponse statuses). */
  readonly same?: (json: unknown) => unknown;
  /** Further checks on one backend's answer (e.g. re-reading what it stored); throw to fail. */
  readonly after?: (context: AnswerContext) => void | Promise<void>;
}

/** One backend's answer to a hostile request, for {@link Expectation.after}. */
export interface AnswerContext {
  readonly backend: Backend;
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
  readonly json: any;
  readonly headers: Readonly<Record<string, string>>;
}

/** A server of the suite, as cases see it. */
export interface Backend {
  readonly name: BackendName;
  /** `http://127.0.0.1:<port>` (changes when the server is restarted after a hang). */
  readonly origin: string;
  readonly port: number;
}

/** The status and parsed body of a `fetch`. */
export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
  readonly json: any;
  readonly headers: Headers;
}

/** Sends a JSON request with `fetch` (setup and re-reads, not hostile requests). */
export async function send(
  backend: Backend,
  method: string,
  path: string,
  options: { who?: Who; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const who = options.who ?? 'alice';
  const response = await fetch(`${backend.origin}${path}`, {
    method,
    headers: {
      ...(who === 'anonymous' ? {} : { Authorization: authOf(who) }),
      ...(options.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
    signal: AbortSignal.timeout(DEADLINE_MS),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

/** Sends a JSON request and throws unless the status is one of `expected`. */
export async function must(
  backend: Backend,
  method: string,
  path: string,
  expected: readonly number[],
  options: { who?: Who; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const reply = await send(backend, method, path, options);
  if (!expected.includes(reply.status)) {
    throw new Error(
      `${backend.name}: ${method} ${path} answered ${reply.status}, expected ${expected.join(' or ')}: ${clip(JSON.stringify(reply.json))}`,
    );
  }
  return reply;
}

const clip = (text: string | undefined, size = 400): string =>
  text === undefined ? '' : text.length > size ? `${text.slice(0, size)}… (${text.length} chars)` : text;

/** Options of {@link hostileSuite}. */
export interface SuiteOptions {
  /** Settings of both servers, over the suite's own. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra sentinel records in `sentinels/c` (id → data), seeded and re-read like the others. */
  readonly sentinelRecords?: Readonly<Record<string, Record<string, unknown>>>;
  /** Records (id → data) created in this file's arena collection on each server. */
  readonly arenaRecords?: Readonly<Record<string, Record<string, unknown>>>;
  /** Per-server setup after the seed (collections with schemas…), run again if a server restarts. */
  readonly setup?: (backend: Backend) => Promise<void>;
}

/** The check of a sentinel record a file legitimately changes: throws unless its final state is right. */
export type Amendment = (data: Record<string, unknown>, permissions: unknown, backend: BackendName) => void;

/** The suite of one test file: its two servers and the way to send hostile requests to them. */
export interface HostileSuite {
  readonly group: string;
  /** The arena collection of this file: `/v1/buckets/arena/collections/<group>`. */
  readonly collection: string;
  /** Its records: `/v1/buckets/arena/collections/<group>/records`. */
  readonly records: string;
  /** The two servers (valid inside tests and hooks). */
  backends(): readonly Backend[];
  /** Registers a test that sends `request` to both servers and checks it. */
  case(name: string, request: RequestOf, expectation?: Expectation): void;
  /** Sends `request` to both servers now, checks it, and returns each backend's answer. */
  hostile(
    name: string,
    request: RequestOf,
    expectation?: Expectation,
  ): Promise<Record<BackendName, RawAnswer>>;
  /**
   * Declares that a sentinel record of `sentinels/c` legitimately changes in this file: instead of
   * the seeded equality, `check` runs on its final `{data, permissions}`.
   */
  amend(recordId: string, check: Amendment): void;
  /** `it` that is skipped with the suite. */
  readonly it: typeof it;
}

// ---------------------------------------------------------------------------------------------------
// Availability: under CI a missing PostgreSQL or Redis fails the file; locally the file is skipped.

const PRODUCTION_UP = await productionServersUp();
if (!PRODUCTION_UP) {
  if (process.env.CI === 'true') {
    throw new Error(
      `hostile suite under CI: PostgreSQL (${POSTGRES_URL}) or Redis (${REDIS_URL}) is down — it must run on both backends`,
    );
  }
  console.warn(
    `\n!!!!!!!!!!\n!! hostile suite SKIPPED: PostgreSQL (${POSTGRES_URL}) or Redis (${REDIS_URL}) is down.\n!! It compares memory with PostgreSQL and runs only with both up (under CI=true it fails instead).\n!!!!!!!!!!\n`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Seed and sentinels.

const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  includes: 'kinto.plugins.default_bucket kinto.plugins.accounts kinto.plugins.history',
  experimental_collection_schema_validation: true,
  experimental_permissions_endpoint: true,
};

const SENTINEL_DATA: Readonly<Record<string, Record<string, unknown>>> = {
  s1: { title: 'first', n: 1, nested: { list: [1, 'two', { three: 3 }] } },
  s2: { title: 'ünïcødé ✓ 🦊', n: -2.5, flag: true, empty: {} },
  s3: { title: 'third', tags: ['a', 'b'], none: null },
};

/** What is read back (as alice unless said) to prove nothing seeded was lost or altered. */
interface SentinelRead {
  readonly key: string;
  readonly who: Who;
  readonly path: string;
}

function sentinelReads(recordIds: readonly string[]): SentinelRead[] {
  const alice = (path: string): SentinelRead => ({ key: `alice GET ${path}`, who: 'alice', path });
  const bob = (path: string): SentinelRead => ({ key: `bob GET ${path}`, who: 'bob', path });
  return [
    alice(SENTINEL.bucket),
    alice(`${SENTINEL.bucket}/groups/readers`),
    alice(`${SENTINEL.bucket}/collections/c`),
    alice(`${SENTINEL.bucket}/collections/private`),
    ...recordIds.map((id) => alice(`${SENTINEL.records}/${id}`)),
    alice(`${SENTINEL.private}/shared`),
    alice(`${SENTINEL.private}/secret`),
    bob(`${SENTINEL.private}/shared`),
    bob(`${SENTINEL.private}/secret`),
    bob(`${SENTINEL.records}/s1`),
    alice('/v1/accounts/alice'),
    bob('/v1/accounts/bob'),
    alice(`${SENTINEL.records}?_sort=id`),
    alice(`${SENTINEL.private}?_sort=id`),
    alice(`${SENTINEL.bucket}/collections?_sort=id`),
    alice(`${SENTINEL.bucket}/groups?_sort=id`),
    alice(`${SENTINEL.bucket}/history?_sort=last_modified&_limit=10000`),
  ];
}

async function seed(backend: Backend, options: SuiteOptions): Promise<void> {
  for (const who of ['alice', 'bob'] as const) {
    await must(backend, 'PUT', `/v1/accounts/${who}`, [201], {
      who: 'anonymous',
      json: { data: { password: PASSWORDS[who] } },
    });
  }
  await must(backend, 'PUT', SENTINEL.bucket, [201], { json: { data: { kind: 'sentinel bucket' } } });
  await must(backend, 'PUT', `${SENTINEL.bucket}/groups/readers`, [201], {
    json: { data: { members: ['account:bob'], note: 'readers of c' } },
  });
  await must(backend, 'PUT', `${SENTINEL.bucket}/collections/c`, [201], {
    json: {
      data: { kind: 'sentinel collection' },
      permissions: { read: [`${SENTINEL.bucket}/groups/readers`] },
    },
  });
  await must(backend, 'PUT', `${SENTINEL.bucket}/collections/private`, [201], { json: { data: {} } });
  const records = { ...SENTINEL_DATA, ...options.sentinelRecords };
  for (const [id, data] of Object.entries(records)) {
    await must(backend, 'PUT', `${SENTINEL.records}/${id}`, [201], {
      json: { data, permissions: { write: ['account:alice'] } },
    });
  }
  await must(backend, 'PUT', `${SENTINEL.private}/shared`, [201], {
    json: { data: { title: 'shared with bob' }, permissions: { read: ['account:bob'] } },
  });
  await must(backend, 'PUT', `${SENTINEL.private}/secret`, [201], {
    json: { data: { title: 'alice only' } },
  });
  await must(backend, 'PUT', ARENA, [201, 200], {
    json: { permissions: { read: ['system.Authenticated'] } },
  });
}

async function readSentinels(
  backend: Backend,
  reads: readonly SentinelRead[],
): Promise<Map<string, unknown>> {
  const snapshot = new Map<string, unknown>();
  for (const read of reads) {
    const reply = await send(backend, 'GET', read.path, { who: read.who });
    snapshot.set(read.key, { status: reply.status, body: reply.json });
  }
  return snapshot;
}

// ---------------------------------------------------------------------------------------------------
// Latency rows.

interface Row {
  readonly group: string;
  readonly case: string;
  readonly backend: BackendName;
  readonly status: string;
  readonly hostileMs: number;
  readonly worstProbeMs: number;
  readonly probes: number;
}

function printTable(group: string, rows: readonly Row[]): void {
  const header = ['group', 'case', 'backend', 'status', 'hostileMs', 'worstProbeMs', 'probes'];
  const cells = rows.map((row) => [
    row.group,
    row.case.length > 72 ? `${row.case.slice(0, 71)}…` : row.case,
    row.backend,
    row.status,
    row.hostileMs.toFixed(0),
    row.worstProbeMs.toFixed(0),
    String(row.probes),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (cell: readonly string[]) =>
    cell
      .map((text, column) => (column >= 4 ? text.padStart(widths[column]!) : text.padEnd(widths[column]!)))
      .join(' | ');
  console.log(
    [
      `\nhostile suite, group ${group}: latency of a concurrent probe (sentinel GET) while each hostile request ran (not asserted)`,
      line(header),
      widths.map((width) => '-'.repeat(width)).join('-|-'),
      ...cells.map(line),
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------------
// Sending one hostile request and watching the server meanwhile.

interface Probe {
  readonly ms: number;
  readonly status: number | 'deadline' | 'error';
}

async function probe(backend: Backend): Promise<Probe> {
  const started = performance.now();
  try {
    const response = await fetch(`${backend.origin}${SENTINEL.records}/s1`, {
      headers: { Authorization: authOf('alice') },
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ms: performance.now() - started, status: name === 'TimeoutError' ? 'deadline' : 'error' };
  }
}

/** Probes `backend` back to back until stopped; `stop()` waits for the probe in flight. */
function startProbing(backend: Backend): { stop(): Promise<Probe[]> } {
  let running = true;
  const probes: Probe[] = [];
  const loop = (async () => {
    while (running) {
      probes.push(await probe(backend));
      if (probes.at(-1)?.status === 'deadline') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return probes;
    },
  };
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

function headerPairs(request: HostileRequest): HeaderPair[] {
  const given: HeaderPair[] = Array.isArray(request.headers)
    ? [...(request.headers as readonly HeaderPair[])]
    : Object.entries(request.headers ?? {});
  const has = (name: string) => given.some(([key]) => key.toLowerCase() === name);
  const pairs: HeaderPair[] = [];
  const who = request.auth ?? 'alice';
  if (who !== 'anonymous' && !has('authorization')) pairs.push(['Authorization', authOf(who)]);
  const hasBody = request.body !== undefined || request.json !== undefined;
  const contentType = request.contentType === undefined ? 'application/json' : request.contentType;
  if (hasBody && contentType !== null && !has('content-type')) pairs.push(['Content-Type', contentType]);
  return [...pairs, ...given];
}

function sendRaw(backend: Backend, request: HostileRequest): Promise<RawAnswer> {
  const host = `127.0.0.1:${backend.port}`;
  if (request.head !== undefined) {
    const chunks = request.body === undefined ? [] : plainFrames(toBytes(request.body));
    return exchange({
      host: '127.0.0.1',
      port: backend.port,
      head: latin1(request.head),
      chunks,
      deadlineMs: DEADLINE_MS,
    });
  }
  const body =
    request.body !== undefined
      ? toBytes(request.body)
      : request.json !== undefined
        ? toBytes(JSON.stringify(request.json))
        : undefined;
  const chunked = request.chunked === true;
  const head = requestHead(
    request.method ?? 'GET',
    request.path,
    host,
    headerPairs(request),
    body === undefined ? undefined : { length: body.length, chunked },
  );
  const chunks = body === undefined ? [] : chunked ? chunkedFrames(body) : plainFrames(body);
  return exchange({ host: '127.0.0.1', port: backend.port, head, chunks, deadlineMs: DEADLINE_MS });
}

const describeAnswer = (answer: RawAnswer): string => {
  if (answer.kind === 'deadline') return `no answer within ${DEADLINE_MS / 1000} s`;
  if (answer.kind === 'no-answer') return `no HTTP answer (${answer.reason})`;
  const location = answer.headers.location === undefined ? '' : ` (Location: ${answer.headers.location})`;
  return `${answer.status}${location} ${clip(answer.text, 600)}`;
};

const errnoOf = (answer: RawAnswer): unknown =>
  answer.kind === 'answer' && typeof answer.json === 'object' && answer.json !== null
    ? Reflect.get(answer.json, 'errno')
    : undefined;

const statusCell = (answer: RawAnswer): string => {
  if (answer.kind !== 'answer') return answer.kind;
  const errno = errnoOf(answer);
  return typeof errno === 'number' ? `${answer.status}/${errno}` : String(answer.status);
};

function expectedText(expectation: Expectation): string {
  const status = expectation.status;
  const text =
    status === undefined || status === 'any'
      ? 'any status below 500'
      : typeof status === 'object'
        ? status.join(' or ')
        : String(status);
  return expectation.errno === undefined ? text : `${text} errno ${expectation.errno}`;
}

function statusMatches(status: number, expected: Expectation['status']): boolean {
  if (expected === undefined || expected === 'any') return status < 500;
  if (expected === '2xx') return status >= 200 && status < 300;
  if (expected === '4xx') return status >= 400 && status < 500;
  if (typeof expected === 'number') return status === expected;
  return expected.includes(status);
}

/** Kinto's JSON error body (http-api.md §14), as far as it is there. */
interface ErrorBody {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly error?: unknown;
  readonly message?: unknown;
  readonly details?: unknown;
}

/** Problems with one backend's answer: the checks every case makes, then the case's own. */
async function judge(backend: Backend, answer: RawAnswer, expectation: Expectation): Promise<string[]> {
  if (answer.kind !== 'answer') return [describeAnswer(answer)];
  const problems: string[] = [];
  const { status, json } = answer;
  const error: ErrorBody = typeof json === 'object' && json !== null ? json : {};
  if (status >= 400) {
    // Kinto leaves `message` out of some errors (an object's or a parent's 404): then `details` says it.
    const shaped =
      error.code === status &&
      typeof error.errno === 'number' &&
      typeof error.error === 'string' &&
      (typeof error.message === 'string' || (error.message === undefined && error.details !== undefined));
    if (!shaped && !(expectation.parserLevel && json === undefined)) {
      problems.push(
        `a ${status} without Kinto's error body {code: ${status}, errno, error, message or details}`,
      );
    }
  }
  if (!statusMatches(status, expectation.status)) {
    problems.push(`answered ${statusCell(answer)}, expected ${expectedText(expectation)}`);
    return problems;
  }
  if (expectation.errno !== undefined && error.errno !== expectation.errno) {
    problems.push(`errno ${JSON.stringify(error.errno)}, expected ${expectation.errno}`);
  }
  if (expectation.error !== undefined && error.error !== expectation.error) {
    problems.push(`error ${JSON.stringify(error.error)}, expected ${JSON.stringify(expectation.error)}`);
  }
  const first: { name?: unknown; location?: unknown } | undefined = Array.isArray(error.details)
    ? error.details[0]
    : undefined;
  if (expectation.name !== undefined) {
    const wanted = expectation.name;
    const name: unknown = first?.name;
    const named =
      wanted instanceof RegExp
        ? typeof name === 'string' && wanted.test(name)
        : (typeof wanted === 'string' ? [wanted] : wanted).includes(name as string);
    if (!named) {
      problems.push(`details[0].name ${JSON.stringify(name)}, expected ${String(wanted)}`);
    }
  }
  if (expectation.location !== undefined && first?.location !== expectation.location) {
    problems.push(`details[0].location ${JSON.stringify(first?.location)}, expected ${expectation.location}`);
  }
  if (expectation.after && problems.length === 0) {
    try {
      await expectation.after({ backend, status, json, headers: answer.headers });
    } catch (thrown) {
      problems.push(thrown instanceof Error ? thrown.message : String(thrown));
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// The suite.

interface Server extends Backend {
  readonly process: ServerProcess;
  snapshot: Map<string, unknown>;
  /** A memory server restarted after a hang: seeded again, so what cases wrote before is gone. */
  readonly reseeded: boolean;
  readonly notes: string[];
}

/**
 * Declares the hostile suite of one test file (call at the top level): starts both servers before
 * the tests, prints the latency table and re-reads the sentinels after them.
 */
export function hostileSuite(group: string, options: SuiteOptions = {}): HostileSuite {
  const collection = `${ARENA}/collections/${group}`;
  const settings = { ...BASE_SETTINGS, ...options.settings };
  const recordIds = Object.keys({ ...SENTINEL_DATA, ...options.sentinelRecords });
  const reads = sentinelReads(recordIds);
  const amendments = new Map<string, Amendment>();
  const rows: Row[] = [];
  const servers = new Map<BackendName, Server>();
  let production: Awaited<ReturnType<typeof productionBackends>> | undefined;
  const skipped = !PRODUCTION_UP;
  const suiteIt = it.skipIf(skipped) as typeof it;

  /** Starts a server; a fresh one is seeded, set up and snapshotted (a restarted PostgreSQL one keeps its data). */
  async function start(name: BackendName, fresh: boolean): Promise<Server> {
    const serverSettings = name === 'memory' ? settings : { ...settings, ...production?.settings };
    const child = await startServerProcess(serverSettings);
    const previous = servers.get(name);
    const server: Server = {
      name,
      process: child,
      origin: child.origin,
      port: child.port,
      snapshot: previous?.snapshot ?? new Map(),
      reseeded: fresh && previous !== undefined,
      notes: previous?.notes ?? [],
    };
    if (fresh) {
      await seed(server, options);
      await must(server, 'PUT', collection, [201], { json: { data: {} } });
      for (const [id, data] of Object.entries(options.arenaRecords ?? {})) {
        await must(server, 'PUT', `${collection}/records/${id}`, [201], { json: { data } });
      }
      await options.setup?.(server);
      server.snapshot = await readSentinels(server, reads);
    }
    servers.set(name, server);
    return server;
  }

  /** Replaces a stalled or dead server; memory comes back empty and is seeded again. */
  async function restart(server: Server, reason: string): Promise<void> {
    await server.process.kill();
    const fresh = server.name === 'memory';
    server.notes.push(
      `${server.name} server killed and restarted: ${reason}${fresh ? ' — its in-memory data was lost; re-seeded, later checks compare with the new seed' : ''}`,
    );
    await start(server.name, fresh);
  }

  beforeAll(async () => {
    if (skipped) return;
    production = await productionBackends();
    await Promise.all([start('memory', true), start('postgres', true)]);
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    if (skipped) return;
    printTable(group, rows);
    try {
      const problems: string[] = [];
      for (const server of servers.values()) {
        for (const note of server.notes) console.warn(`!! ${group}: ${note}`);
        if (server.process.exited() !== undefined) {
          problems.push(`${server.name}: the server process ended (${server.process.exited()})`);
          continue;
        }
        const now = await readSentinels(server, reads);
        problems.push(...compareSentinels(server, now, amendments));
      }
      if (problems.length > 0) {
        throw new Error(
          `hostile ${group}: sentinels lost or altered (re-read from both servers at the end):\n${problems.join('\n')}`,
        );
      }
    } finally {
      await Promise.all([...servers.values()].map((server) => server.process.kill()));
      await production?.drop();
    }
  }, HOOK_TIMEOUT_MS);

  /** One backend: the hostile request with probes alongside, then a storage read must still answer. */
  async function runOn(
    server: Server,
    label: string,
    request: RequestOf,
    expectation: Expectation,
  ): Promise<{ answer: RawAnswer; problems: string[] }> {
    const built = typeof request === 'function' ? await request(server) : request;
    const probing = startProbing(server);
    const started = performance.now();
    const answer = await sendRaw(server, built);
    const hostileMs = performance.now() - started;
    const probes = await probing.stop();
    rows.push({
      group,
      case: label,
      backend: server.name,
      status: statusCell(answer),
      hostileMs,
      worstProbeMs: Math.max(0, ...probes.map((entry) => entry.ms)),
      probes: probes.length,
    });
    const problems: string[] = [];
    const stalled = answer.kind === 'deadline' || probes.some((entry) => entry.status === 'deadline');
    if (probes.some((entry) => entry.status === 'deadline')) {
      problems.push(`a concurrent sentinel GET got no answer within ${DEADLINE_MS / 1000} s`);
    }
    const failedProbes = probes.filter((entry) => typeof entry.status !== 'string' && entry.status !== 200);
    if (failedProbes.length > 0) {
      problems.push(
        `concurrent sentinel GETs answered ${failedProbes.map((entry) => entry.status).join(', ')}`,
      );
    }
    // A stalled server would only time the after-checks out: they wait for the restart.
    problems.push(
      ...(await judge(server, answer, stalled ? { ...expectation, after: undefined } : expectation)),
    );
    let reason: string | undefined;
    if (server.process.exited() !== undefined) {
      reason = `the server process ended (${server.process.exited()}):\n${server.process.stderr()}`;
    } else if (stalled) {
      reason = 'it stalled';
    } else {
      const after = await probe(server);
      if (after.status !== 200) {
        reason = `afterwards a sentinel GET answered ${after.status === 'deadline' ? `nothing within ${DEADLINE_MS / 1000} s` : after.status}`;
      }
    }
    if (reason !== undefined) {
      problems.push(`the server no longer serves: ${reason}`);
      await restart(server, `"${label}": ${reason}`);
    }
    return { answer, problems };
  }

  async function hostile(
    name: string,
    request: RequestOf,
    expectation: Expectation = {},
  ): Promise<Record<BackendName, RawAnswer>> {
    const memory = servers.get('memory')!;
    const postgres = servers.get('postgres')!;
    const [onMemory, onPostgres] = await Promise.all([
      runOn(memory, name, request, expectation),
      runOn(postgres, name, request, expectation),
    ]);
    const problems = [
      ...onMemory.problems.map((problem) => `memory: ${problem}`),
      ...onPostgres.problems.map((problem) => `postgres: ${problem}`),
    ];
    const a = onMemory.answer;
    const b = onPostgres.answer;
    const sameStatus = a.kind === 'answer' && b.kind === 'answer' ? a.status === b.status : a.kind === b.kind;
    if (!sameStatus || errnoOf(a) !== errnoOf(b)) {
      problems.push(`memory and PostgreSQL disagree: ${statusCell(a)} vs ${statusCell(b)}`);
    } else if (expectation.same && a.kind === 'answer' && b.kind === 'answer') {
      const [left, right] = [expectation.same(a.json), expectation.same(b.json)];
      if (!isDeepStrictEqual(left, right)) {
        problems.push(`memory and PostgreSQL disagree: ${JSON.stringify(left)} vs ${JSON.stringify(right)}`);
      }
    }
    if (problems.length > 0) {
      throw new Error(
        [
          `${name}:`,
          ...problems.map((problem) => `  - ${problem}`),
          `  memory answered:   ${describeAnswer(a)}`,
          `  postgres answered: ${describeAnswer(b)}`,
        ].join('\n'),
      );
    }
    return { memory: a, postgres: b };
  }

  return {
    group,
    collection,
    records: `${collection}/records`,
    backends: () => [servers.get('memory')!, servers.get('postgres')!],
    case(name, request, expectation = {}) {
      suiteIt(name, async () => void (await hostile(name, request, expectation)), CASE_TIMEOUT_MS);
    },
    hostile,
    amend(recordId, check) {
      amendments.set(recordId, check);
    },
    it: suiteIt,
  };
}

function compareSentinels(
  server: Server,
  now: Map<string, unknown>,
  amendments: ReadonlyMap<string, Amendment>,
): string[] {
  const problems: string[] = [];
  const amendedPath = (text: string) =>
    [...amendments.keys()].some((id) => text.endsWith(`/collections/c/records/${id}`));
  // Lists and history leave out what a case legitimately changed; the amended records get their own check.
  const withoutAmended = (key: string, value: unknown): unknown => {
    const body = (value as { body?: { data?: unknown } }).body;
    if (!Array.isArray(body?.data)) return value;
    const kept = body.data.filter((entry: Record<string, unknown>) => {
      if (key.includes('/history')) return !amendedPath(String(entry.uri ?? ''));
      if (key.includes('/collections/c/records?')) return !amendments.has(String(entry.id));
      return true;
    });
    return { ...(value as object), body: { ...body, data: kept } };
  };
  for (const [key, seeded] of server.snapshot) {
    const current = now.get(key);
    const path = key.split(' ').at(-1) ?? '';
    const amended = key.startsWith('alice ') && amendedPath(path);
    if (amended) {
      // A re-seeded server lost the writes the amendment describes: nothing to check there.
      if (server.reseeded) continue;
      const id = path.split('/').at(-1) ?? '';
      try {
        const { body } = current as { body: { data: Record<string, unknown>; permissions: unknown } };
        amendments.get(id)?.(body.data, body.permissions, server.name);
      } catch (thrown) {
        problems.push(`${server.name}: ${key}: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      }
      continue;
    }
    if (amendedPath(path)) continue;
    if (!isDeepStrictEqual(withoutAmended(key, seeded), withoutAmended(key, current))) {
      problems.push(
        `${server.name}: ${key}\n    seeded: ${clip(JSON.stringify(seeded), 800)}\n    now:    ${clip(JSON.stringify(current), 800)}`,
      );
    }
  }
  return problems;
}
