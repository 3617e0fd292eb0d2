import type { EventListener, ResourceAction } from '@core/contracts';
import type { BackendImporter } from '../backends/backend-factories.ts';
import { importPackage } from '../backends/resolve-backends.ts';
import { SettingsError } from '../settings/settings-error.ts';
import type { ToolkitSettings } from '../settings/toolkit-settings.ts';

/**
 * What a listener package exports so that settings can register it:
 * `event_listeners = audit` + `event_listeners.audit.use = @acme/kinto-audit`.
 * The factory receives all the settings and the listener's name (its own settings are
 * `event_listeners.<name>.*`).
 */
export interface ListenerFactory {
  createListenerFromSettings(
    settings: Readonly<ToolkitSettings>,
    name: string,
  ): EventListener | Promise<EventListener>;
}

const ACTIONS: readonly ResourceAction[] = ['create', 'update', 'delete', 'read'];

function factoryOf(module: unknown): ListenerFactory['createListenerFromSettings'] | undefined {
  const candidates = [module, (module as { default?: unknown } | null)?.default];
  for (const candidate of candidates) {
    const factory = (candidate as Partial<ListenerFactory> | null | undefined)?.createListenerFromSettings;
    if (typeof factory === 'function') return factory;
  }
  return undefined;
}

function listOption(settings: Readonly<ToolkitSettings>, key: string): string[] | undefined {
  const value = settings[key];
  return Array.isArray(value) ? value.map(String) : undefined;
}

/**
 * The listeners named by the `event_listeners` setting (toolkit.md §6.2), each loaded from the
 * package of `event_listeners.<name>.use`, with `event_listeners.<name>.actions` (default create,
 * update, delete) and `event_listeners.<name>.resources` (default all) applied.
 * @throws SettingsError naming the setting when a package or its factory is missing, or an action is unknown.
 */
export async function resolveListeners(
  settings: Readonly<ToolkitSettings>,
  importer: BackendImporter = importPackage,
): Promise<EventListener[]> {
  const listeners: EventListener[] = [];
  for (const name of settings.event_listeners) {
    const useKey = `event_listeners.${name}.use`;
    const packageName = settings[useKey];
    if (typeof packageName !== 'string' || packageName === '') {
      throw new SettingsError(
        useKey,
        'a package name',
        `Missing setting "${useKey}": the package of listener "${name}"`,
      );
    }
    let module: unknown;
    try {
      module = await importer(packageName);
    } catch (error) {
      throw new SettingsError(
        useKey,
        'an installed package',
        `Invalid setting "${useKey}": cannot load "${packageName}"`,
        {
          cause: error,
        },
      );
    }
    const factory = factoryOf(module);
    if (!factory) {
      const expected = 'a package exporting createListenerFromSettings';
      throw new SettingsError(
        useKey,
        expected,
        `Invalid setting "${useKey}": "${packageName}" is not ${expected}`,
      );
    }
    const listener = await factory(settings, name);
    const actions = listOption(settings, `event_listeners.${name}.actions`);
    for (const action of actions ?? []) {
      if (!ACTIONS.includes(action as ResourceAction)) {
        const key = `event_listeners.${name}.actions`;
        throw new SettingsError(
          key,
          ACTIONS.join(', '),
          `Invalid setting "${key}": expected ${ACTIONS.join(', ')}, got "${action}"`,
        );
      }
    }
    const resources = listOption(settings, `event_listeners.${name}.resources`);
    listeners.push({
      ...listener,
      name: listener.name ?? name,
      handle: listener.handle.bind(listener),
      ...(actions ? { actions: actions as ResourceAction[] } : {}),
      ...(resources ? { resources } : {}),
    });
  }
  return listeners;
}
