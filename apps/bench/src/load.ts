import autocannon, { type Request } from 'autocannon';
import { AUTHORIZATION } from './collection.ts';

/** One measurement of one workload against one subject. */
export interface LoadResult {
  /** Completed requests per second (W6: batches per second). */
  readonly rps: number;
  /** Latency percentiles, milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly seconds: number;
}

export interface LoadOptions {
  /** The subject's origin, e.g. `http://127.0.0.1:8901`. */
  readonly origin: string;
  readonly requests: Request[];
  readonly connections: number;
  readonly seconds: number;
}

/** Loads the subject for `seconds` with autocannon (in this process) and summarises the run. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.seconds,
    headers: { authorization: AUTHORIZATION },
    // A request's own headers replace the global ones in autocannon: every request carries the auth.
    requests: options.requests.map((request) => ({
      ...request,
      headers: { authorization: AUTHORIZATION, ...request.headers },
    })),
    timeout: 30,
  });
  const seconds = result.duration || options.seconds;
  // `requests.total` counts every response; `non2xx` those outside 2xx.
  return {
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds,
  };
}
