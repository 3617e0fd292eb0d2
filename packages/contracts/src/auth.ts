/** Who a policy recognised. */
export interface Identity {
  /**
   * The user id as the policy knows it, without prefix (`alice`). The toolkit prefixes it with the
   * policy name (`account:alice`) to form the user principal.
   */
  readonly userId: string;
  /** Extra principals this policy grants the user (e.g. roles from a token), unprefixed. */
  readonly principals?: readonly string[];
}

/** What the server knows of a request beyond the request itself. */
export interface AuthenticationContext {
  /**
   * The client's network address (IPv4 or IPv6 text), as the server determined it: the socket peer
   * on Node, or the platform's client header on edge runtimes, after `trusted_proxies` hops of
   * `X-Forwarded-For`. `undefined` when the runtime gives none. Subrequests of a batch carry the
   * batch request's address.
   */
  readonly clientAddress?: string;
}

/**
 * An authentication policy. Policies are tried in the configured order; the first one returning an
 * identity wins. Implementations must compare secrets in constant time and must not throw for bad
 * credentials: they return `null`, and the request goes on as anonymous (then 401 where needed).
 */
export interface AuthenticationPolicy {
  /** Policy name, used as the user id prefix (`basicauth`, `account`, `openid`...). `[a-z0-9_-]+`. */
  readonly name: string;

  /**
   * Identifies the caller of `request` (a Fetch API request, never consumed: read headers only).
   * `context` is optional: callers that know the client address pass it (policies that throttle
   * failed logins per address use it); a policy must work without it.
   * @returns the identity, or `null` when the request carries no credentials this policy accepts.
   * @throws BackendError when a backend it depends on fails (the request then fails with 503).
   * @throws HttpError to refuse the request, e.g. 429 errno 117 with `Retry-After` when too many
   * logins failed; later policies are still tried, and the refusal is answered only when none of
   * them identifies the caller.
   */
  authenticate(request: Request, context?: AuthenticationContext): Promise<Identity | null>;

  /**
   * The `WWW-Authenticate` challenge this policy offers on 401 responses (e.g. `Basic realm="Realm"`),
   * or `undefined` for none.
   */
  challenge?(): string | undefined;

  /** Forgets anything cached about `userId` (password changed, account deleted). */
  forget?(userId: string): Promise<void>;
}
