import { Hono } from 'hono';
import type { ApiEnv } from '../context.ts';
import { contributeHandler } from '../endpoints/contribute.ts';
import { heartbeatHandler } from '../endpoints/heartbeat.ts';
import { helloHandler } from '../endpoints/hello.ts';
import { lbHeartbeatHandler } from '../endpoints/lbheartbeat.ts';
import { openApiHandler } from '../endpoints/openapi.ts';
import { UTILITY_ENDPOINTS } from '../endpoints/utility-endpoints.ts';
import { mountUtilityRoute } from '../endpoints/utility-route.ts';
import { versionHandler } from '../endpoints/version.ts';
import { authentication } from '../middleware/authentication.ts';
import { requestChecks } from '../middleware/request-checks.ts';
import { requestContext } from '../middleware/request-context.ts';
import { responseDecorations } from '../middleware/response-decorations.ts';
import { ALLOW_ALL } from '../resource/authorization.ts';
import { registerResource } from '../resource/register.ts';
import { behindProxies } from './client-address.ts';
import { createErrorHandler } from './error-handler.ts';
import { createNotFoundHandler } from './not-found.ts';
import type { ApiOptions, ApiPlugin, Capability } from './options.ts';
import { resolveSettings, versionPrefix } from './resolve-settings.ts';

function mergeCapabilities(
  own: Readonly<Record<string, Capability>> | undefined,
  plugins: readonly ApiPlugin[],
): Record<string, Capability> {
  const merged: Record<string, Capability> = { ...own };
  for (const plugin of plugins) {
    for (const [name, capability] of Object.entries(plugin.capabilities ?? {})) {
      if (name in merged) throw new Error(`Capability "${name}" registered twice (plugin ${plugin.name})`);
      merged[name] = capability;
    }
  }
  return merged;
}

/**
 * Builds the whole HTTP API: an outer app whose middleware wrap every response (errors, redirects
 * and 404s included), the utility endpoints, and a `/v{major}` sub-app holding the resources and
 * the plugin routes of `options.extend`.
 *
 * Middleware, outermost first (the ones that decorate responses come before the ones that may
 * refuse the request, so refusals are decorated too):
 * request context → CORS → security headers → Backoff → end of service → Alert →
 * URL encoding (400) → read-only (405) → Accept (406) → authentication → routes, else the
 * not-found handler (version/trailing slash redirects, 404). Thrown errors become JSON errors in
 * `onError`, at the level where they were thrown, so every outer middleware still runs.
 */
export function createApi(options: ApiOptions): Hono<ApiEnv> {
  const settings = resolveSettings(options.settings);
  const prefix = versionPrefix(settings);
  const policies = options.policies ?? [];
  const resources = options.resources ?? [];
  const plugins = options.plugins ?? [];
  const capabilities = mergeCapabilities(options.capabilities, plugins);
  const heartbeats = Object.assign(
    {},
    options.heartbeats,
    ...plugins.map((plugin) => plugin.heartbeats ?? {}),
  );
  const exempt = [
    ...(options.readonlyExemptPaths ?? ['/batch']),
    ...plugins.flatMap((p) => p.readonlyExemptPaths ?? []),
  ];

  const app = new Hono<ApiEnv>();
  const reporters = plugins.flatMap((plugin) => (plugin.reportError ? [plugin.reportError] : []));
  app.onError(
    createErrorHandler({ settings, reporters, ...(options.logger ? { logger: options.logger } : {}) }),
  );
  app.notFound(createNotFoundHandler(prefix, settings));

  app.use(
    '*',
    requestContext({
      settings,
      backends: options.backends,
      listeners: options.listeners ?? [],
      policies,
      authorizer: options.authorizer ?? ALLOW_ALL,
      dispatch: (request, env) => Promise.resolve(app.fetch(request, env)),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clientAddress
        ? { clientAddress: behindProxies(options.clientAddress, settings.trusted_proxies) }
        : {}),
    }),
  );
  for (const plugin of plugins) for (const middleware of plugin.middleware ?? []) app.use('*', middleware);
  // cors → security headers → Backoff → end of service → Alert, as one layer.
  app.use('*', responseDecorations());
  // URL encoding → read-only → Accept, as one layer.
  app.use(
    '*',
    requestChecks(
      prefix,
      exempt.map((path) => `${prefix}${path}`),
      plugins.flatMap((plugin) => plugin.nonJsonPaths ?? []).map((path) => `${prefix}${path}`),
    ),
  );
  const anonymousPaths = UTILITY_ENDPOINTS.filter((endpoint) => endpoint.anonymous).map(
    (endpoint) => `${prefix}${endpoint.path}`,
  );
  app.use('*', authentication(policies, anonymousPaths));
  for (const plugin of plugins) for (const middleware of plugin.beforeRoutes ?? []) app.use('*', middleware);

  const v1 = new Hono<ApiEnv>();
  for (const resource of resources) registerResource(v1, resource);
  for (const plugin of plugins) plugin.routes?.(v1);
  options.extend?.(v1);

  // On the outer app: a sub-app's `/` would be mounted as `/v1`, not `/v1/`.
  mountUtilityRoute(
    app,
    `${prefix}/`,
    helloHandler(
      prefix,
      capabilities,
      plugins.flatMap((plugin) => plugin.publicSettings ?? []),
      plugins.flatMap((plugin) => (plugin.helloUser ? [plugin.helloUser] : [])),
    ),
  );
  mountUtilityRoute(app, `${prefix}/__heartbeat__`, heartbeatHandler(heartbeats));
  mountUtilityRoute(app, `${prefix}/__lbheartbeat__`, lbHeartbeatHandler());
  mountUtilityRoute(app, `${prefix}/__version__`, versionHandler(options.version));
  mountUtilityRoute(
    app,
    `${prefix}/__api__`,
    openApiHandler(() => ({ settings, prefix, resources, policies, routes: v1.routes })),
  );
  mountUtilityRoute(app, `${prefix}/contribute.json`, contributeHandler());
  app.route(prefix, v1);
  return app;
}
