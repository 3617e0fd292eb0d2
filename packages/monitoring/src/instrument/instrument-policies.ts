import type { AuthenticationPolicy } from '@core/contracts';
import type { Metrics } from '../metrics/metrics.ts';
import { sanitizeLabelName, sanitizeLabelValue } from '../metrics/names.ts';
import { type Clock, monotonicClock } from './clock.ts';

const AUTHENTICATE = Object.freeze({ method: 'authenticate' });
const FORGET = Object.freeze({ method: 'forget' });

/**
 * `policies` timed into `metrics` (toolkit.md §10): `authenticate` and `forget` calls are observed
 * in the histogram `authentication.<policy>.seconds` (label `method`); each identification counts
 * `authentication` (label `type`: the policy name) and `users` (labels `auth`: the policy name,
 * `userid`: the policy's user id with `:` turned into `.`, sanitised and cut at 64 characters).
 * Disable `users` with `prometheus_disabled_metrics` where user ids must not reach metrics. The
 * authentication context (client address) is passed through to each policy.
 */
export function instrumentPolicies(
  policies: readonly AuthenticationPolicy[],
  metrics: Metrics,
  clock: Clock = monotonicClock,
): AuthenticationPolicy[] {
  return policies.map((policy) => {
    const key = `authentication.${sanitizeLabelName(policy.name)}.seconds`;
    const type = Object.freeze({ type: policy.name });
    const forget = policy.forget;
    return {
      name: policy.name,
      async authenticate(request, context) {
        const start = clock();
        try {
          // The context (client address) goes through untouched: per-address throttling needs it.
          const identity = await policy.authenticate(request, context);
          if (identity) {
            metrics.count('authentication', 1, type);
            metrics.count('users', 1, {
              auth: policy.name,
              userid: sanitizeLabelValue(identity.userId.replaceAll(':', '.')),
            });
          }
          return identity;
        } finally {
          metrics.timer(key, (clock() - start) / 1000, AUTHENTICATE);
        }
      },
      ...(policy.challenge ? { challenge: () => policy.challenge?.() } : {}),
      ...(forget
        ? {
            async forget(userId: string) {
              const start = clock();
              try {
                await forget.call(policy, userId);
              } finally {
                metrics.timer(key, (clock() - start) / 1000, FORGET);
              }
            },
          }
        : {}),
    };
  });
}
