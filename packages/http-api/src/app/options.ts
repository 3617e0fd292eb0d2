import type {
  AuthenticationPolicy,
  Backends,
  EventListener,
  JsonObject,
  JsonValue,
  Logger,
} from '@core/contracts';
import type { Hono } from 'hono';
import type { ApiEnv } from '../context.ts';
import type { ResourceDefinition } from '../resource/definition.ts';
import type { Settings } from '../settings/settings.ts';

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

/** Everything {@link createApi} needs to build the HTTP API. */
export interface ApiOptions {
  readonly backends: Backends;
  /** Overrides of {@link DEFAULT_SETTINGS}, already parsed. */
  readonly settings?: Partial<Settings>;
  /** Resources mounted under the version prefix, in order. */
  readonly resources?: readonly ResourceDefinition[];
  /** Authentication policies, tried in order; the first identity wins. */
  readonly policies?: readonly AuthenticationPolicy[];
  /** Hello view capabilities (build them with `createCapabilityRegistry()` to refuse duplicates). */
  readonly capabilities?: Readonly<Record<string, Capability>>;
  /** Extra `__heartbeat__` checks, by name, next to `storage`, `permission` and `cache`. */
  readonly heartbeats?: Readonly<Record<string, HeartbeatCheck>>;
  /** The `__version__` document; without it `__version__` answers 500. */
  readonly version?: VersionSource;
  readonly logger?: Logger;
  /** Resource event listeners (`c.var.listeners`). */
  readonly listeners?: readonly EventListener[];
  /** Plugins (batch, flush...) add their routes to the version sub-app here. */
  readonly extend?: (v1: Hono<ApiEnv>) => void;
  /**
   * Paths (without version prefix) that accept non-read methods in read-only mode because they
   * check each inner request themselves. Default `['/batch']`.
   */
  readonly readonlyExemptPaths?: readonly string[];
}
