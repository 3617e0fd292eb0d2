import type { AuthenticationPolicy, Backends, EventListener, Logger } from '@core/contracts';
import {
  type ApiEnv,
  type ApiPlugin,
  type Authorizer,
  type Capability,
  type ClientAddress,
  createApi,
  type HeartbeatCheck,
  type ResourceDefinition,
  type VersionSource,
} from '@core/http-api';
import type { Hono } from 'hono';
import { type BackendImporter, resolveBackends } from './backends/index.ts';
import { resolveListeners } from './listeners/resolve-listeners.ts';
import { parseSettings, type ToolkitSettings } from './settings/index.ts';

/** Everything {@link createApp} takes; only `resources` is usually needed. */
export interface AppConfig {
  /**
   * Settings under Kinto's names, typed or as raw strings (from INI files or environment variables,
   * converted and validated here; the `kinto.` prefix is accepted). Missing ones take Kinto's defaults.
   */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * The backends, wired by hand (the way on edge runtimes). Without them, the packages named by the
   * `storage_backend`, `permission_backend` and `cache_backend` settings are imported (default
   * `@core/storage-memory`).
   */
  readonly backends?: Backends;
  readonly resources?: readonly ResourceDefinition[];
  /** Authentication policies, tried in order; the first identity wins. */
  readonly policies?: readonly AuthenticationPolicy[];
  /** Decides what callers may do (`@core/authz`'s `createAuthorizer`); default: everything allowed. */
  readonly authorizer?: Authorizer;
  /** Feature plugins (batch, monitoring, ...), in order. */
  readonly plugins?: readonly ApiPlugin[];
  /**
   * Event listeners (`ResourceChanged` inside the transaction, `AfterResourceChanged` after commit),
   * in addition to those the `event_listeners` setting names.
   */
  readonly listeners?: readonly EventListener[];
  readonly capabilities?: Readonly<Record<string, Capability>>;
  readonly heartbeats?: Readonly<Record<string, HeartbeatCheck>>;
  readonly version?: VersionSource;
  readonly logger?: Logger;
  /** Plugin routes on the version sub-app. */
  readonly extend?: (v1: Hono<ApiEnv>) => void;
  /** How backend and listener packages named in settings are loaded; default `import(name)`. */
  readonly importer?: BackendImporter;
  /**
   * The client address of a request (per-address login throttling): `socketClientAddress` of
   * `@core/toolkit/node` on Node, a platform header on edge runtimes (e.g. `CF-Connecting-IP`);
   * `trusted_proxies` then walks back `X-Forwarded-For`. Default: none.
   */
  readonly clientAddress?: ClientAddress;
}

/** The app and what it was built from. */
export interface App {
  /** The Hono app: `app.fetch` for any runtime, `app.request()` in tests. */
  readonly app: Hono<ApiEnv>;
  readonly settings: ToolkitSettings;
  readonly backends: Backends;
}

/**
 * Builds a kinto-core application: settings validated (a bad value throws a `SettingsError` naming
 * the setting and the expected form), backends resolved, the HTTP API mounted with the resources.
 */
export async function createApp(config: AppConfig = {}): Promise<App> {
  const settings = parseSettings(config.settings ?? {});
  const backends = config.backends ?? (await resolveBackends(settings, config.importer));
  const listeners = [...(config.listeners ?? []), ...(await resolveListeners(settings, config.importer))];
  const app = createApi({
    backends,
    settings,
    ...(config.resources ? { resources: config.resources } : {}),
    ...(config.policies ? { policies: config.policies } : {}),
    ...(config.authorizer ? { authorizer: config.authorizer } : {}),
    ...(config.plugins ? { plugins: config.plugins } : {}),
    listeners,
    ...(config.capabilities ? { capabilities: config.capabilities } : {}),
    ...(config.heartbeats ? { heartbeats: config.heartbeats } : {}),
    ...(config.version ? { version: config.version } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
    ...(config.extend ? { extend: config.extend } : {}),
    ...(config.clientAddress ? { clientAddress: config.clientAddress } : {}),
  });
  return { app, settings, backends };
}
