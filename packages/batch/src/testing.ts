import {
  type AuthenticationPolicy,
  BackendError,
  type CoreEvent,
  type EventListener,
  type JsonObject,
  type Transactor,
} from '@core/contracts';
import { type Authorizer, constraintViolated, createApi, defineResource, type Settings } from '@core/http-api';
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

/** Options of {@link batchApp}. */
export interface BatchAppOptions {
  readonly settings?: Partial<Settings>;
  /** Make the next transaction commits fail (503) while this returns `true`. */
  readonly failCommit?: () => boolean;
  readonly secured?: boolean;
}

/** Test support: an app with notes, tags and the batch plugin over memory backends. */
export function batchApp(options: BatchAppOptions = {}) {
  const memory = createMemoryBackends();
  const failCommit = options.failCommit;
  const transaction: Transactor = failCommit
    ? (fn) =>
        memory.transaction(async (scope) => {
          const result = await fn(scope);
          if (failCommit()) throw new BackendError('commit failed');
          return result;
        })
    : memory.transaction;
  const backends = { ...memory, transaction };
  const events: CoreEvent[] = [];
  const listener: EventListener = { name: 'spy', handle: (event) => void events.push(event) };
  const app = createApi({
    backends,
    resources: [notes, tags],
    plugins: [batchPlugin()],
    listeners: [listener],
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
