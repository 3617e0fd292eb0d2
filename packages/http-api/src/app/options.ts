import type {
  AuthenticationPolicy,
  Backends,
  EventListener,
  JsonObject,
  JsonValue,
  Logger,
} from '@core/contracts';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import type { Authorizer } from '../resource/authorization.ts';
import type { ResourceDefinition } from '../resource/definition.ts';
import type { Settings } from '../settings/settings.ts';
import type { ClientAddress } from './client-address.ts';
import type { ErrorReport } from './error-handler.ts';

/** One entry of the hello view's `capabilities` (utilities.md §1). */
export interface Capability {
  readonly description: string;
  readonly url: string;
  readonly [extra: string]: JsonValue;
}

/** A health check of `__heartbeat__`: `true` ok, `false` failing, `null` not applicable. */
export type HeartbeatCheck = () => Promise<boolean | null>;

/** The `__version__` document, or a function loading it (called until it succeeds once). */
export type VersionSource = JsonObject | (() => Promise<JsonObject>);

/**
 * A plugin: what a feature package (batch, monitoring, flush, history...) adds to the app.
 */
export interface ApiPlugin {
  /** Plugin name (error messages). */
  readonly name: string;
  /**
   * Middleware run on every request, right after the request context is set and before CORS,
   * errors and routing (so they see the final response), in plugin order.
   */
  readonly middleware?: readonly MiddlewareHandler<ApiEnv>[];
  /** Routes on the version sub-app. */
  readonly routes?: (v1: Hono<ApiEnv>) => void;
  /**
   * Middleware run once the caller is authenticated, just before routing (e.g. to rewrite or answer
   * requests on behalf of the routes).
   */
  readonly beforeRoutes?: readonly MiddlewareHandler<ApiEnv>[];
  /** Extra members of the hello view's `user` block for an authenticated caller (e.g. `bucket`). */
  readonly helloUser?: (c: Context<ApiEnv>) => Promise<Record<string, JsonValue>> | Record<string, JsonValue>;
  /** Hello view capabilities; the same name registered twice is a start-up error. */
  readonly capabilities?: Readonly<Record<string, Capability>>;
  /** `__heartbeat__` checks. */
  readonly heartbeats?: Readonly<Record<string, HeartbeatCheck>>;
  /** Names of settings shown in the hello view's `settings`. */
  readonly publicSettings?: readonly string[];
  /** Paths (without version prefix) that accept writes in read-only mode (they check subrequests). */
  readonly readonlyExemptPaths?: readonly string[];
  /** Paths (without version prefix) answering in another format than JSON (no 406 on `Accept`). */
  readonly nonJsonPaths?: readonly string[];
  /** Called with every unexpected error (the 500s), e.g. to report it to Sentry. Must not throw. */
  readonly reportError?: (error: unknown, report: ErrorReport) => void;
}

/** Everything {@link createApi} needs to build the HTTP API. */
export interface ApiOptions {
  readonly backends: Backends;
  /** Overrides of {@link DEFAULT_SETTINGS}, already parsed. */
  readonly settings?: Partial<Settings>;
  /** Resources mounted under the version prefix, in order. */
  readonly resources?: readonly ResourceDefinition[];
  /** Authentication policies, tried in order; the first identity wins. */
  readonly policies?: readonly AuthenticationPolicy[];
  /** Decides what callers may do; default: everything is allowed. */
  readonly authorizer?: Authorizer;
  /** Feature plugins, in order. */
  readonly plugins?: readonly ApiPlugin[];
  /** Hello view capabilities (build them with `createCapabilityRegistry()` to refuse duplicates). */
  readonly capabilities?: Readonly<Record<string, Capability>>;
  /** Extra `__heartbeat__` checks, by name, next to `storage`, `permission` and `cache`. */
  readonly heartbeats?: Readonly<Record<string, HeartbeatCheck>>;
  /** The `__version__` document; without it `__version__` answers 500. */
  readonly version?: VersionSource;
  readonly logger?: Logger;
  /** Resource event listeners (`c.get('listeners')`). */
  readonly listeners?: readonly EventListener[];
  /** Plugins (batch, flush...) add their routes to the version sub-app here. */
  readonly extend?: (v1: Hono<ApiEnv>) => void;
  /**
   * Paths (without version prefix) that accept non-read methods in read-only mode because they
   * check each inner request themselves. Default `['/batch']`.
   */
  readonly readonlyExemptPaths?: readonly string[];
  /**
   * The client's address of a request (`c.get('clientAddress')`, passed to the policies): the
   * socket peer on Node, a platform header on edge runtimes; the `trusted_proxies` setting then
   * walks back `X-Forwarded-For`. Default: none (only per-account login throttling applies).
   */
  readonly clientAddress?: ClientAddress;
}
