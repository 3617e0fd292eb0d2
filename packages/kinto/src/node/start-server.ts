import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBcryptPool } from '@core/authz/node';
import type { EventListener, Logger } from '@core/contracts';
import type { LevelSetting } from '@core/monitoring';
import { createPinoLogger } from '@core/monitoring/node';
import type { BackendImporter } from '@core/toolkit';
import { loadSettings, readVersionFile, socketClientAddress } from '@core/toolkit/node';
import { serve } from '@hono/node-server';
import { createKintoApp } from '../create-kinto-app.ts';
import { ATTACHMENT_ENV_KEYS } from '../plugins/attachments/settings.ts';
import { includedPlugins, KINTO_DEFAULT_SETTINGS, KINTO_VERSION } from '../settings.ts';
import { closeBackends } from './close-backends.ts';
import { trackForDrain } from './graceful-shutdown.ts';
import { importFromApplication } from './importer.ts';
import { createLocalAttachmentStorage } from './local-attachment-storage.ts';
import { answerParserErrorsInJson, lingerOnUnreadBodies, refusingDotSegments } from './raw-request-guards.ts';
import { checkBackendsAtStartup } from './startup-check.ts';

/** Options of {@link startKintoServer}. */
export interface StartOptions {
  /** A `kinto.ini` file (its `[app:main]` section); without it, Kinto's defaults (memory backend). */
  readonly iniPath?: string;
  /** Environment variables (default `process.env`): `KINTO_<SETTING>` overrides any setting. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Settings that win over everything else (command-line flags). */
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly logger?: Logger;
  /** Extra event listeners (in-process integrations). */
  readonly listeners?: readonly EventListener[];
  /** How backend packages named in settings are loaded; default `import(name)`. */
  readonly importer?: BackendImporter;
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  readonly logger: Logger;
  /**
   * What the start-up check found (each also logged as a warning): a backend that cannot serve yet,
   * e.g. an unreachable or unmigrated database. Empty when all is well.
   */
  readonly warnings: readonly string[];
  /**
   * Stops gracefully: no new connection is accepted, in-flight requests are answered (with
   * `Connection: close`, so keep-alive clients leave), idle connections close at once; past
   * `shutdown_timeout_seconds` the remaining ones are cut. Then the backends' pools are closed.
   * Resolves `true` when everything ended within the deadline.
   */
  close(): Promise<boolean>;
}

const SERVER_DEFAULTS = {
  http_port: 8888,
  bind_host: '0.0.0.0',
  logging_level: 'info',
  shutdown_timeout_seconds: 10,
};

function shutdownDeadlineMs(value: unknown): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`Invalid shutdown_timeout_seconds: ${String(value)} (a number of seconds, 0 or more)`);
  }
  return seconds * 1000;
}

/**
 * Starts Kinto on Node: settings from defaults ← INI ← environment ← overrides; checks that the
 * backends can serve (see {@link RunningServer.warnings}); listens on `bind_host`:`http_port`
 * (default `0.0.0.0:8888`); request summaries logged as JSON lines.
 */
export async function startKintoServer(options: StartOptions = {}): Promise<RunningServer> {
  const settings = await loadSettings({
    defaults: { ...KINTO_DEFAULT_SETTINGS, ...SERVER_DEFAULTS },
    ...(options.iniPath ? { iniPath: options.iniPath } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    envKeys: ATTACHMENT_ENV_KEYS,
  });
  const logger =
    options.logger ??
    (createPinoLogger({
      level: String(settings.logging_level) as LevelSetting,
      name: settings.project_name,
    }) as unknown as Logger);
  const versionPath = settings.version_json_path;
  const deadlineMs = shutdownDeadlineMs(settings.shutdown_timeout_seconds);
  // bcrypt in worker threads: logins never block the event loop (the pool is unref'd when idle).
  const passwords = createBcryptPool();
  const attachmentPath = settings['attachment.base_path'];
  const attachmentStorage =
    includedPlugins(settings.includes).has('kinto_attachment') &&
    typeof attachmentPath === 'string' &&
    attachmentPath
      ? createLocalAttachmentStorage(attachmentPath)
      : undefined;
  const { app, backends } = await createKintoApp({
    settings,
    ...(attachmentStorage ? { attachmentStorage } : {}),
    logger,
    passwords,
    clientAddress: socketClientAddress,
    ...(options.listeners ? { listeners: options.listeners } : {}),
    importer: options.importer ?? importFromApplication,
    version: async () => {
      const document = await readVersionFile(versionPath);
      // Without the configured file, the package's own version, as Kinto falls back to its own file.
      if (document === undefined) return { name: 'kinto', version: KINTO_VERSION };
      if (document === null || typeof document !== 'object' || Array.isArray(document)) {
        throw new Error(`The version file ${versionPath} does not hold a JSON object`);
      }
      return document;
    },
  });
  const warnings = await checkBackendsAtStartup(
    backends,
    logger,
    Number(settings.heartbeat_timeout_seconds) * 1000,
  );
  const port = Number(settings.http_port);
  const hostname = String(settings.bind_host);
  const server = await new Promise<Server>((resolve, reject) => {
    const fetch = refusingDotSegments(app.fetch as Parameters<typeof refusingDotSegments>[0]);
    const started = serve({ fetch, port, hostname }, () => resolve(started as Server));
    answerParserErrorsInJson(started as Server);
    lingerOnUnreadBodies(started as Server);
    started.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} of ${hostname} is already in use (set another with KINTO_HTTP_PORT or --port)`
          : error.message;
      reject(new Error(`Kinto cannot listen: ${reason}`, { cause: error }));
    });
  });
  const drainer = trackForDrain(server);
  const address = server.address() as AddressInfo;
  const host = hostname === '0.0.0.0' ? 'localhost' : hostname;
  const url = `http://${host}:${address.port}/v1/`;
  logger.info({ url }, `Kinto listening on ${url}`);
  return {
    url,
    server,
    logger,
    warnings,
    async close() {
      const clean = await drainer.drain(deadlineMs);
      await Promise.all([closeBackends(backends), passwords.close()]);
      return clean;
    },
  };
}
