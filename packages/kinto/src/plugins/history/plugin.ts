import type { EventListener } from '@core/contracts';
import { type ApiEnv, type ApiPlugin, methodNotAllowed, type ResourceDefinition } from '@core/http-api';
import type { MiddlewareHandler } from 'hono';
import { createHistoryListener } from './listener.ts';
import { historyResource } from './resource.ts';
import { historyCapability, historySettings } from './settings.ts';
import { mountSnapshot } from './snapshot-route.ts';

const HISTORY_PATH = /^\/v\d+\/buckets\/[^/]+\/history$/;

// Hono answers HEAD with the GET route; the history list has no HEAD (kinto-resources.md §9.2).
const noHead: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (c.req.method === 'HEAD' && HISTORY_PATH.test(c.req.path)) throw methodNotAllowed();
  await next();
};

/** Everything the history plugin adds: the resource, the recording listener and the plugin. */
export interface History {
  readonly resource: ResourceDefinition;
  readonly listener: EventListener;
  /** The `history` capability, the snapshot endpoint and the HEAD refusal. */
  readonly plugin: ApiPlugin;
}

/**
 * The history plugin (`kinto.plugins.history`, kinto-resources.md §9) configured by the `history.*`
 * and `explicit_permissions` settings. Mount `resource` with the other resources (and give it to the
 * authorizer), add `listener` to the listeners and `plugin` to the plugins.
 * @throws Error at start-up for an invalid `history.*` count.
 */
export function createHistory(settings: Readonly<Record<string, unknown>>): History {
  const parsed = historySettings(settings);
  return {
    resource: historyResource,
    listener: createHistoryListener(parsed),
    plugin: {
      name: 'history',
      capabilities: { history: historyCapability(parsed) },
      beforeRoutes: [noHead],
      routes: mountSnapshot,
    },
  };
}
