import {
  type AuthenticationPolicy,
  BackendError,
  type CoreEvent,
  type EventListener,
  type JsonObject,
  type Transactor,
} from '@core/contracts';
import {
  type ApiPlugin,
  type Authorizer,
  constraintViolated,
  createApi,
  defineResource,
  type Settings,
} from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { batchPlugin } from './batch-plugin.ts';

/**
 * Test support: top-level notes whose `fail` field makes the create fail — `conflict` (409 errno
 * 122), `crash` (500), `backend` (503) — after the note was written.
 */
export const notes = defineResource({
  name: 'note',
  pluralPath: '/notes',
  objectPath: '/notes/:id',
  hooks: {
    afterCreate(_context, created) {
      if (created.fail === 'conflict') throw constraintViolated(7);
      if (created.fail === 'crash') throw new Error('kaput');
      if (created.fail === 'backend') throw new BackendError('down');
    },
  },
});

/** Test support: tags of a note, ids chosen by the client (`name` generator). */
export const tags = defineResource({
  name: 'tag',
  pluralPath: '/notes/:note_id/tags',
  objectPath: '/notes/:note_id/tags/:id',
  idGenerator: 'name',
});

/** Test support: `Authorization: Bearer <name>` authenticates as `test:<name>`. */
export const bearerPolicy: AuthenticationPolicy = {
  name: 'test',
  async authenticate(request) {
    const match = /^Bearer (\S+)$/.exec(request.headers.get('Authorization') ?? '');
    return match?.[1] ? { userId: match[1] } : null;
  },
  challenge: () => 'Bearer realm="test"',
};

/** Test support: everyone reads, only `test:alice` writes. */
export const aliceWrites: Authorizer = {
  async authorize({ kind, caller }) {
    const reading = kind === 'list-read' || kind === 'read' || kind === 'read-parent';
    return { allowed: reading || caller.userId === 'test:alice' };
  },
};

/** Test support: `/echo` answers what it received (headers, caller, request id, body); `/text` is plain text. */
export const echoPlugin: ApiPlugin = {
  name: 'echo',
  routes: (v1) => {
    v1.all('/echo', async (c) =>
      c.json({
        method: c.req.method,
        headers: Object.fromEntries(c.req.raw.headers),
        caller: c.get('caller').userId,
        requestId: c.get('requestId'),
        query: c.req.query(),
        body: await c.req.text(),
      }),
    );
    v1.get('/text', (c) => c.text('plain words'));
  },
};

/** Options of {@link batchApp}. */
export interface BatchAppOptions {
  readonly settings?: Partial<Settings>;
  /** Transactions reject at commit with the error this returns, if any. */
  readonly failCommit?: () => Error | undefined;
  readonly secured?: boolean;
  /** Add a `ResourceChanged` listener that always throws. */
  readonly failingListener?: boolean;
  /** Called with every unexpected error (the 500s). */
  readonly reportError?: (error: unknown) => void;
}

/** Test support: an app with notes, tags and the batch plugin over memory backends. */
export function batchApp(options: BatchAppOptions = {}) {
  const memory = createMemoryBackends();
  const failCommit = options.failCommit;
  const transaction: Transactor = failCommit
    ? (fn) =>
        memory.transaction(async (scope) => {
          const result = await fn(scope);
          const error = failCommit();
          if (error) throw error;
          return result;
        })
    : memory.transaction;
  const backends = { ...memory, transaction };
  const events: CoreEvent[] = [];
  const listener: EventListener = { name: 'spy', handle: (event) => void events.push(event) };
  const failing: EventListener = {
    name: 'failing',
    handle: (event) => {
      if (event.type === 'ResourceChanged') throw new Error('listener failed');
    },
  };
  const reporter: ApiPlugin = { name: 'reporter', reportError: (error) => options.reportError?.(error) };
  const app = createApi({
    backends,
    resources: [notes, tags],
    plugins: [batchPlugin(), echoPlugin, reporter],
    listeners: options.failingListener ? [listener, failing] : [listener],
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.secured ? { policies: [bearerPolicy], authorizer: aliceWrites } : {}),
  });
  const batch = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/v1/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stored = async (): Promise<JsonObject[]> =>
    (await backends.storage.listAll({ resource: 'note', parent: '' }, {})) as unknown as JsonObject[];
  return { app, backends, batch, events, stored };
}
