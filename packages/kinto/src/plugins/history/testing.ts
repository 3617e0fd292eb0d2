import { createKintoApp } from '../../create-kinto-app.ts';

/** Test support: `Basic` credentials of `user` (any password works with `basicauth`). */
export const basic = (user: string) => `Basic ${btoa(`${user}:pw`)}`;

/**
 * Test support: a Kinto app with the history plugin, accounts and Basic Auth, `settings` on top;
 * `call` answers status, headers and parsed JSON; `userId` gives a Basic user's prefixed id.
 */
export async function historyApp(settings: Record<string, unknown> = {}) {
  const app = await createKintoApp({
    settings: {
      includes: 'kinto.plugins.history kinto.plugins.accounts',
      'multiauth.policies': 'account basicauth',
      ...settings,
    },
  });
  async function call(method: string, path: string, options: { body?: unknown; user?: string } = {}) {
    const response = await app.app.request(`/v1${path}`, {
      method,
      headers: {
        ...(options.user ? { Authorization: basic(options.user) } : {}),
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
    const json: any = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, json };
  }
  async function userId(user: string): Promise<string> {
    return (await call('GET', '/', { user })).json.user.id;
  }
  return { app, backends: app.backends, call, userId };
}
