import type { AuthenticationPolicy, JsonValue } from '@core/contracts';
import { type ApiPlugin, createApi, type Settings } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { createBasicAuthPolicy } from '../auth/basicauth-policy.ts';
import { hmacSha256Hex } from '../auth/hmac.ts';
import { createAuthorizer } from '../authorization/create-authorizer.ts';
import { KINTO_RESOURCES } from './kinto-fixture.ts';

/** Options of {@link kintoApp}. */
export interface KintoAppOptions {
  readonly settings?: Partial<Settings>;
  readonly policies?: readonly AuthenticationPolicy[];
  readonly plugins?: readonly ApiPlugin[];
}

/** The Basic Auth header of `user` with password `pw`. */
export function basic(user: string, password = 'pw'): string {
  return `Basic ${btoa(`${user}:${password}`)}`;
}

/** The `basicauth:` user id of `user` with password `pw` and an empty secret. */
export async function basicUserId(user: string, password = 'pw'): Promise<string> {
  return `basicauth:${await hmacSha256Hex('', `${user}:${password}`)}`;
}

/** A response, its status, headers and parsed JSON body. */
export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
  readonly json: any;
}

/** Test support: Kinto's resources with Basic Auth and the authorizer, over fresh memory backends. */
export function kintoApp(options: KintoAppOptions = {}) {
  const backends = createMemoryBackends();
  const app = createApi({
    backends,
    resources: KINTO_RESOURCES,
    policies: options.policies ?? [createBasicAuthPolicy({ hmacSecret: '' })],
    authorizer: createAuthorizer({ resources: KINTO_RESOURCES }),
    plugins: options.plugins ?? [],
    settings: options.settings ?? {},
  });
  async function call(
    method: string,
    path: string,
    init: { body?: JsonValue; user?: string | null; headers?: Record<string, string> } = {},
  ): Promise<CallResult> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.user) headers.Authorization = basic(init.user);
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    const response = await app.request(`/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text === '' ? undefined : JSON.parse(text),
    };
  }
  return { app, backends, call };
}
