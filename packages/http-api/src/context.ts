import type {
  AuthenticationPolicy,
  Backends,
  EventListener,
  Logger,
  TransactionScope,
} from '@core/contracts';
import type { Authorizer } from './resource/authorization.ts';
import type { EventCollector } from './resource/events.ts';
import type { Settings } from './settings/settings.ts';

/** Who is calling, as authentication established it. */
export interface Caller {
  /** Prefixed user id (`account:alice`), or `null` when anonymous. */
  readonly userId: string | null;
  /** Every principal of the caller: user id, `system.Everyone`, `system.Authenticated`, groups. */
  readonly principals: readonly string[];
}

/**
 * What a subrequest dispatched in-process (batch) inherits from its parent request: it runs in the
 * parent's transaction, as the parent's caller (authentication is not redone), and its events join
 * the parent's.
 */
export interface ParentRequest {
  readonly requestId: string;
  readonly caller: Caller;
  readonly transaction: TransactionScope;
  readonly events: EventCollector;
  /** The parent's request-bound logger, which the subrequest shares (same request id). */
  readonly logger?: Logger;
  /**
   * `true` when the subrequest is how its parent answers (the default bucket alias, an attachment's
   * record write), not one of many (batch): the parent's summary line stands for it, so it logs none.
   */
  readonly delegated?: boolean;
}

/** Per-request state shared by the middleware and handlers, stored in Hono's `c.var`. */
export interface CoreVariables {
  /** From `X-Request-Id` or generated. */
  requestId: string;
  settings: Settings;
  backends: Backends;
  caller: Caller;
  /** The request's joint transaction (set while a resource handler runs). */
  transaction?: TransactionScope;
  /** The changes of the request (or batch) awaiting delivery to listeners. */
  events?: EventCollector;
  /** Event listeners, from configuration. */
  listeners: readonly EventListener[];
  /** Authentication policies, in order (their challenges go into 401 responses). */
  policies: readonly AuthenticationPolicy[];
  /** Decides what the caller may do. */
  authorizer: Authorizer;
  /** Runs `request` through this app in-process, as a subrequest of `parent` when given. */
  dispatch: (request: Request, parent?: ParentRequest) => Promise<Response>;
  /**
   * The client's network address (see `ApiOptions.clientAddress` and `trusted_proxies`); unset when
   * the runtime gives none. Subrequests see their batch request's.
   */
  clientAddress?: string;
  /** Set on subrequests: the request they belong to. */
  parent?: ParentRequest;
  logger?: Logger;
  /**
   * `Access-Control-Expose-Headers` extras of the endpoint that answered (http-api.md §13); the CORS
   * middleware adds them to its base set.
   */
  exposeHeaders?: readonly string[];
  /** `Alert` header payloads collected during the request (deprecations); the last one wins. */
  alert?: { code: string; message: string; url: string };
}

/** Hono environment of every app built by this package. */
export interface ApiEnv {
  Variables: CoreVariables;
}
