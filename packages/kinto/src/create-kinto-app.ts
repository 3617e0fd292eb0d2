import {
  createAuthorizer,
  createBasicAuthPolicy,
  KINTO_DEFAULT_PRINCIPALS,
  permissionsEndpointPlugin,
} from '@core/authz';
import { batchPlugin } from '@core/batch';
import type {
  AttachmentStorage,
  AuthenticationPolicy,
  Backends,
  EventListener,
  Logger,
} from '@core/contracts';
import type { ApiPlugin, Capability, ClientAddress, ResourceDefinition, VersionSource } from '@core/http-api';
import {
  createPrometheusMetrics,
  instrumentBackends,
  instrumentListeners,
  instrumentPolicies,
  matchdictFieldsFromSettings,
  monitoringPlugin,
  prometheusOptionsFromSettings,
} from '@core/monitoring';
import { type App, type BackendImporter, createApp, parseSettings, resolveBackends } from '@core/toolkit';
import { type Accounts, createAccounts, type PasswordHasher, withAccountRules } from './plugins/accounts.ts';
import { createAttachments } from './plugins/attachments/plugin.ts';
import { s3StorageFromSettings } from './plugins/attachments/s3-storage.ts';
import { defaultBucketPlugin } from './plugins/default-bucket.ts';
import { flushPlugin } from './plugins/flush.ts';
import { createHistory } from './plugins/history/plugin.ts';
import { KINTO_RESOURCES } from './resources/index.ts';
import { includedPlugins, KINTO_DEFAULT_SETTINGS } from './settings.ts';

/** What {@link createKintoApp} takes; everything is optional. */
export interface KintoConfig {
  /** Settings (Kinto's names, typed or strings), over {@link KINTO_DEFAULT_SETTINGS}. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Backends wired by hand (edge runtimes); else those the settings name (default memory). */
  readonly backends?: Backends;
  readonly listeners?: readonly EventListener[];
  readonly plugins?: readonly ApiPlugin[];
  readonly logger?: Logger;
  readonly version?: VersionSource;
  readonly importer?: BackendImporter;
  /** The client address of a request (per-address login throttling); default none. */
  readonly clientAddress?: ClientAddress;
  /** bcrypt of the accounts plugin (Node: `createBcryptPool()` of `@core/authz/node`); default in process. */
  readonly passwords?: PasswordHasher;
  /**
   * Where the attachments plugin (`includes = kinto_attachment`) stores files (Node:
   * `createLocalAttachmentStorage(settings['attachment.base_path'])` of `@core/kinto/node`, which
   * `startKintoServer` passes itself); default the S3 bucket of the `attachment.aws.*` settings.
   */
  readonly attachmentStorage?: AttachmentStorage;
}

const BASICAUTH_CAPABILITY: Capability = {
  description: 'Very basic authentication sessions. Not for production use.',
  url: 'http://kinto.readthedocs.io/en/stable/api/1.x/authentication.html',
};

const SCHEMA_CAPABILITY: Capability = {
  description: 'Validates collection records with JSON schemas.',
  url: 'https://kinto.readthedocs.io/en/latest/api/1.x/collections.html#collection-json-schema',
};

/**
 * The policies `multiauth.policies` names, in order (`account` needs the accounts plugin and must
 * come before `basicauth`).
 */
function policiesOf(
  names: readonly string[],
  settings: Readonly<Record<string, unknown>>,
  accounts: Accounts | undefined,
): AuthenticationPolicy[] {
  const accountIndex = names.indexOf('account');
  const basicIndex = names.indexOf('basicauth');
  if (accountIndex >= 0 && basicIndex >= 0 && basicIndex < accountIndex) {
    throw new Error('multiauth.policies: "basicauth" must come after "account"');
  }
  return names.map((name) => {
    if (name === 'account') {
      if (!accounts)
        throw new Error('The "account" policy needs the accounts plugin (includes = kinto.plugins.accounts)');
      return accounts.policy;
    }
    if (name === 'basicauth')
      return createBasicAuthPolicy({ hmacSecret: String(settings.userid_hmac_secret ?? '') });
    throw new Error(`multiauth.policies: unknown policy "${name}" (known: account, basicauth)`);
  });
}

/**
 * A Kinto server: buckets, collections, groups and records with Kinto's permissions, batch, request
 * logging (with `logger`), and the plugins `includes` names (`default_bucket`, `accounts`, `flush`,
 * `history`, `prometheus`), authenticated by the policies of `multiauth.policies` (`account`, `basicauth`).
 * @throws SettingsError / Error at start-up for invalid settings or a policy without its plugin.
 */
export async function createKintoApp(config: KintoConfig = {}): Promise<App> {
  const raw = { ...KINTO_DEFAULT_SETTINGS, ...config.settings };
  const settings = parseSettings(raw);
  const includes = includedPlugins(settings.includes);
  const prometheus = includes.has('prometheus')
    ? createPrometheusMetrics(prometheusOptionsFromSettings(settings))
    : undefined;
  const resolved = config.backends ?? (await resolveBackends(settings, config.importer));
  const backends = prometheus ? instrumentBackends(resolved, prometheus) : resolved;
  const resources: ResourceDefinition[] = [...KINTO_RESOURCES];
  const plugins: ApiPlugin[] = [batchPlugin()];
  const capabilities: Record<string, Capability> = {};

  const accounts = includes.has('accounts')
    ? createAccounts({
        settings,
        storage: backends.storage,
        cache: backends.cache,
        ...(config.logger ? { logger: config.logger } : {}),
        ...(prometheus ? { metrics: prometheus } : {}),
        ...(config.passwords ? { passwords: config.passwords } : {}),
      })
    : undefined;
  if (accounts) {
    resources.push(accounts.resource);
    plugins.push(accounts.plugin);
  }
  const history = includes.has('history') ? createHistory(settings) : undefined;
  if (history) {
    resources.push(history.resource);
    plugins.push(history.plugin);
  }
  let attachmentListeners: readonly EventListener[] = [];
  if (includes.has('kinto_attachment')) {
    const storage = config.attachmentStorage ?? s3StorageFromSettings(settings);
    if (!storage) {
      throw new Error(
        'Attachment backend is not configured. Set either `attachment.base_path` (local files, with `kinto start`) or `attachment.aws.bucket_name` (S3), or pass `attachmentStorage`.',
      );
    }
    const attachments = createAttachments(settings, storage, config.logger);
    plugins.push(attachments.plugin);
    attachmentListeners = attachments.listeners;
  }
  const policies = policiesOf(settings['multiauth.policies'], settings, accounts);
  if (policies.some((policy) => policy.name === 'basicauth')) capabilities.basicauth = BASICAUTH_CAPABILITY;
  if (includes.has('default_bucket')) plugins.push(defaultBucketPlugin());
  if (includes.has('flush')) plugins.push(flushPlugin());
  if (settings.experimental_permissions_endpoint === true)
    plugins.push(permissionsEndpointPlugin({ resources }));
  if (settings.experimental_collection_schema_validation === true) capabilities.schema = SCHEMA_CAPABILITY;
  plugins.push(
    monitoringPlugin({
      resources,
      matchdictFields: matchdictFieldsFromSettings(settings),
      ...(prometheus ? { prometheus } : {}),
    }),
    ...(config.plugins ?? []),
  );
  const listeners = [
    ...(history ? [history.listener] : []),
    ...attachmentListeners,
    ...(config.listeners ?? []),
  ];

  return createApp({
    settings: { ...KINTO_DEFAULT_PRINCIPALS, ...raw },
    backends,
    resources,
    policies: prometheus ? instrumentPolicies(policies, prometheus) : policies,
    listeners: prometheus ? instrumentListeners(listeners, prometheus) : listeners,
    authorizer: withAccountRules(createAuthorizer({ resources })),
    plugins,
    capabilities,
    ...(config.logger ? { logger: config.logger } : {}),
    ...(config.version ? { version: config.version } : {}),
    ...(config.importer ? { importer: config.importer } : {}),
    ...(config.clientAddress ? { clientAddress: config.clientAddress } : {}),
  });
}
