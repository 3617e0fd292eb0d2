import { createKintoApp } from '../../create-kinto-app.ts';
import { requestJson, type Send } from '../../testing/request-json.ts';

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
  const send: Send = (path, init) => app.app.request(`/v1${path}`, init);
  const call = (method: string, path: string, options: { body?: unknown; user?: string } = {}) =>
    requestJson(send, method, path, {
      body: options.body,
      ...(options.user ? { auth: basic(options.user) } : {}),
    });
  async function userId(user: string): Promise<string> {
    return (await call('GET', '/', { user })).json.user.id;
  }
  return { app, backends: app.backends, call, userId };
}
