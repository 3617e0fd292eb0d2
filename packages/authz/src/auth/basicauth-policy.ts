import type { AuthenticationPolicy } from '@core/contracts';
import { basicCredentialsOf } from './basic-credentials.ts';
import { hmacSha256Hex } from './hmac.ts';

/** The challenge of Basic Auth policies on 401 responses. */
export const BASIC_CHALLENGE = 'Basic realm="Realm"';

/** Options of {@link createBasicAuthPolicy}. */
export interface BasicAuthPolicyOptions {
  /** The `userid_hmac_secret` setting (Kinto's default is empty). */
  readonly hmacSecret: string;
}

/**
 * Kinto's `basicauth` policy (permissions.md §1.2): any `user:pass` is accepted, the user id is the
 * hex HMAC-SHA256 of `user:pass` under the secret (so the password never appears in ids or logs).
 */
export function createBasicAuthPolicy(options: BasicAuthPolicyOptions): AuthenticationPolicy {
  return {
    name: 'basicauth',
    async authenticate(request) {
      const credentials = basicCredentialsOf(request);
      if (!credentials) return null;
      const userId = await hmacSha256Hex(
        options.hmacSecret,
        `${credentials.username}:${credentials.password}`,
      );
      return { userId };
    },
    challenge: () => BASIC_CHALLENGE,
  };
}
