import type { EventListener } from '@core/contracts';
import type { ApiPlugin, ResourceDefinition } from '@core/http-api';
import { createHistoryListener } from './listener.ts';
import { historyResource } from './resource.ts';
import { historyCapability, historySettings } from './settings.ts';
import { mountSnapshot } from './snapshot-route.ts';

/** Everything the history plugin adds: the resource, the recording listener and the plugin. */
export interface History {
  readonly resource: ResourceDefinition;
  readonly listener: EventListener;
  /** The `history` capability and the snapshot endpoint. */
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
      routes: mountSnapshot,
    },
  };
}
