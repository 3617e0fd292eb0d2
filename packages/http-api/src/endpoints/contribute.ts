import type { JsonObject } from '@core/contracts';
import type { Handler } from 'hono';
import type { ApiEnv } from '../context.ts';

/** Kinto's open-source metadata (utilities.md §6). */
export const CONTRIBUTE: Readonly<JsonObject> = Object.freeze({
  name: 'Kinto',
  description: 'Kinto is a minimalist JSON storage service with synchronisation and sharing abilities.',
  repository: {
    url: 'https://github.com/Kinto/kinto',
    license: 'Apache License (2.0)',
    tests: 'https://github.com/Kinto/kinto/actions',
  },
  participate: {
    home: 'https://github.com/Kinto/kinto',
    docs: 'https://kinto.readthedocs.io/',
    irc: 'irc://irc.freenode.net/#kinto',
    'irc-contacts': ['n1k0', 'Natim', 'leplatrem', 'magopian'],
  },
  bugs: {
    list: 'https://github.com/Kinto/kinto/issues',
    report: 'https://github.com/Kinto/kinto/issues/new',
  },
  keywords: ['JSON', 'Offline', 'Sync', 'Storage', 'REST', 'HTTP'],
});

/** `GET /v1/contribute.json`: the static {@link CONTRIBUTE} document. */
export function contributeHandler(): Handler<ApiEnv> {
  const body = JSON.stringify(CONTRIBUTE);
  return (c) => c.body(body, 200, { 'Content-Type': 'application/json' });
}
