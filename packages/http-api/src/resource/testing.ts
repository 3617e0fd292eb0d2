import type { AuthenticationPolicy, EventListener, JsonValue } from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import * as v from 'valibot';
import { createApi } from '../app/create-api.ts';
import type { Settings } from '../settings/settings.ts';
import { defineResource, type ResourceDefinition } from './definition.ts';

/** Test support: a schemaless top-level resource. */
export const mushrooms = defineResource({
  name: 'mushroom',
  pluralPath: '/mushrooms',
  objectPath: '/mushrooms/:id',
});

/** Test support: a schemaless resource nested under mushrooms (parent `/mushrooms/<id>`). */
export const spores = defineResource({
  name: 'spore',
  pluralPath: '/mushrooms/:mushroom_id/spores',
  objectPath: '/mushrooms/:mushroom_id/spores/:id',
  idGenerator: 'name',
  permissions: ['read', 'write'],
});

/** Test support: a strict-schema resource with a read-only field. */
export const strictThings = defineResource({
  name: 'thing',
  pluralPath: '/things',
  objectPath: '/things/:id',
  schema: {
    fields: v.object({
      name: v.pipe(v.string(), v.minLength(1)),
      size: v.optional(v.number()),
      kind: v.optional(v.string()),
    }),
    strict: true,
    readonlyFields: ['kind'],
  },
});

/** Test support: `Authorization: Bearer <name>` authenticates as `test:<name>`. */
export const bearerPolicy: AuthenticationPolicy = {
  name: 'test',
  async authenticate(request) {
    const header = request.headers.get('Authorization') ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    return match ? { userId: match[1]! } : null;
  },
};

/** Options of {@link testApp}. */
export interface TestAppOptions {
  readonly settings?: Partial<Settings>;
  readonly resources?: readonly ResourceDefinition[];
  readonly listeners?: readonly EventListener[];
}

/** Test support: an app over fresh memory backends, with JSON helpers. */
export function testApp(options: TestAppOptions = {}) {
  const backends = createMemoryBackends();
  const app = createApi({
    backends,
    resources: options.resources ?? [mushrooms, spores, strictThings],
    policies: [bearerPolicy],
    settings: options.settings ?? {},
    listeners: options.listeners ?? [],
  });
  async function call(
    method: string,
    path: string,
    init: { body?: JsonValue | string; headers?: Record<string, string>; user?: string } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.user) headers.Authorization = `Bearer ${init.user}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
    const json: any = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, json, response };
  }
  return { app, backends, call };
}
