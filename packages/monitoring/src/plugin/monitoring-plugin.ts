import type { Logger } from '@core/contracts';
import type { ApiEnv, ApiPlugin, ErrorReport, HeartbeatCheck, ResourceDefinition } from '@core/http-api';
import type { Context, MiddlewareHandler } from 'hono';
import { type Clock, monotonicClock } from '../instrument/clock.ts';
import { isDebugLevel } from '../logger/levels.ts';
import { type Metrics, NOOP_METRICS } from '../metrics/metrics.ts';
import type { PrometheusMetrics } from '../metrics/prometheus-metrics.ts';
import { matchdictFieldsFromSettings } from '../metrics/prometheus-settings.ts';
import { createEndpointNamer, matchedPattern, routeParams } from './endpoint-name.ts';
import { logHeartbeatFailures } from './heartbeat-logging.ts';
import { metricsHandler } from './metrics-route.ts';
import { recordRequest } from './request-metrics.ts';
import { errnoOf, identityFields, loggableBody, loggableHeaders, querystringOf } from './request-summary.ts';
import { measureResponseSize } from './response-size.ts';
import { serverTimingHeader, spanningBackends } from './server-timing.ts';

/** Options of {@link monitoringPlugin}. */
export interface MonitoringOptions {
  /**
   * Where summary lines go; default the request's logger (`createApi`'s `logger`, bound to the
   * request id). Its level decides whether headers and bodies are logged (`debug`, `trace`).
   */
  readonly logger?: Logger;
  /** Log `request.summary` / `subrequest.summary` lines; default `true`. */
  readonly summary?: boolean;
  /** Exposed at `GET /v1/__metrics__`, announced as capability `prometheus`. */
  readonly prometheus?: PrometheusMetrics;
  /** Where request metrics go; default `prometheus`, else nowhere. */
  readonly metrics?: Metrics;
  /** Route parameters added as labels; default the `metrics_matchdict_fields` setting. */
  readonly matchdictFields?: readonly string[];
  /** Resources whose `pluralPath`/`objectPath` name the endpoints `<name>-plural`/`<name>-object`. */
  readonly resources?: readonly ResourceDefinition[];
  /** More endpoint names, by route pattern without version prefix (`/buckets/:id/history`). */
  readonly endpointNames?: Readonly<Record<string, string>>;
  /** Add `Server-Timing` to responses; default the `server_timing_enabled` setting. */
  readonly serverTiming?: boolean;
  /** Told of every unexpected error (500 errno 999), e.g. a Sentry client. Must not throw. */
  readonly reporter?: (error: unknown, report: ErrorReport) => void;
  /** Extra `__heartbeat__` checks (see `heartbeatChecks`). */
  readonly heartbeats?: Readonly<Record<string, HeartbeatCheck>>;
  /** Monotonic clock in ms (durations); default `performance.now`. */
  readonly clock?: Clock;
  /** Wall clock in ms (the summary's `time`); default `Date.now`. */
  readonly now?: () => number;
}

interface BatchState {
  readonly agent: string | null;
  readonly lang: string | null;
  subrequests: number;
}

function enabledSetting(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(true|yes|on|1)$/i.test(value.trim()));
}

function endpointNamesOf(options: MonitoringOptions): Record<string, string> {
  const names: Record<string, string> = {};
  for (const resource of options.resources ?? []) {
    names[resource.pluralPath] = `${resource.name}-plural`;
    if (resource.objectPath) names[resource.objectPath] = `${resource.name}-object`;
  }
  return { ...names, ...options.endpointNames };
}

// The last summary time formatted (requests finishing within the same millisecond share it).
let lastTime = Number.NaN;
let lastIso = '';

function isoTime(milliseconds: number): string {
  if (milliseconds !== lastTime) {
    lastIso = new Date(milliseconds).toISOString();
    lastTime = milliseconds;
  }
  return lastIso;
}

function setHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    // Immutable headers (a fetched response): copy it.
    const copy = new Response(c.res.body, c.res);
    copy.headers.set(name, value);
    c.res = undefined;
    c.res = copy;
  }
}

/**
 * The monitoring plugin (toolkit.md §9–§10, utilities.md §9): per request, a `request.summary` log
 * line (`subrequest.summary` for batch subrequests) with Kinto's fields, the request metrics
 * (`request_summary`, `request_duration_seconds`, `request_size`), optional `Server-Timing`;
 * `/__metrics__` and the `prometheus` capability when given a Prometheus registry; unexpected
 * errors passed to `reporter`; failing heartbeat checks logged.
 */
export function monitoringPlugin(options: MonitoringOptions = {}): ApiPlugin {
  const prometheus = options.prometheus;
  const metrics = options.metrics ?? prometheus ?? NOOP_METRICS;
  const clock = options.clock ?? monotonicClock;
  const now = options.now ?? Date.now;
  const nameEndpoint = createEndpointNamer(endpointNamesOf(options));
  const withSummary = options.summary ?? true;
  let matchdictFields = options.matchdictFields;
  // `server_timing_enabled` read once per settings object (the same one on every request).
  let timingSettings: unknown;
  let timingEnabled = false;
  // Top-level requests in flight, by request id, for their subrequests' lines and `batch_size`.
  const batches = new Map<string, BatchState>();

  const middleware: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const start = clock();
    const settings = c.get('settings');
    matchdictFields ??= matchdictFieldsFromSettings(settings);
    if (settings !== timingSettings) {
      timingSettings = settings;
      timingEnabled = enabledSetting(settings.server_timing_enabled);
    }
    const timing = options.serverTiming ?? timingEnabled;
    let spans: ReturnType<typeof spanningBackends>['spans'] | undefined;
    if (timing) {
      const spanning = spanningBackends(c.get('backends'), clock);
      c.set('backends', spanning.backends);
      spans = spanning.spans;
    }
    const parent = c.get('parent');
    // A delegated subrequest is its parent's answer: the parent's line stands for both.
    const logger = withSummary && !parent?.delegated ? (options.logger ?? c.get('logger')) : undefined;
    const debug = logger !== undefined && isDebugLevel(logger.level);
    const requestBody = debug && c.req.raw.body ? loggableBody(c.req.raw.clone()) : undefined;
    const rid = c.get('requestId');
    let own: BatchState | undefined;
    if (!parent && logger && !batches.has(rid)) {
      own = {
        agent: c.req.header('User-Agent') ?? null,
        lang: c.req.header('Accept-Language') ?? null,
        subrequests: 0,
      };
      batches.set(rid, own);
    }
    try {
      await next();
    } finally {
      if (own) batches.delete(rid);
    }

    const elapsed = clock() - start;
    const status = c.res.status;
    if (metrics !== NOOP_METRICS) {
      const matched = matchedPattern(c);
      const sizeLabels = recordRequest(metrics, {
        method: c.req.method,
        endpoint: nameEndpoint(matched, status),
        status,
        seconds: elapsed / 1000,
        params: matched && matchdictFields.length > 0 ? routeParams(matched.path, c.req.path) : undefined,
        matchdictFields,
      });
      measureResponseSize(c, (bytes) => metrics.observe('request_size', bytes, sizeLabels));
    }
    if (spans) setHeader(c, 'Server-Timing', serverTimingHeader(spans, elapsed));
    if (!logger) return;

    if (c.req.path.endsWith('/__heartbeat__')) await logHeartbeatFailures(c.res, logger);
    const url = new URL(c.req.url);
    const querystring = querystringOf(url);
    const context = parent ? batches.get(parent.requestId) : own;
    if (parent && context) context.subrequests += 1;
    const fields: Record<string, unknown> = {
      agent: context?.agent ?? c.req.header('User-Agent') ?? null,
      path: url.pathname,
      method: c.req.method,
      lang: context?.lang ?? c.req.header('Accept-Language') ?? null,
      // The request's own logger already carries `rid`; pino would write it twice.
      ...(logger === c.get('logger') ? {} : { rid }),
      errno: status < 400 ? 0 : await errnoOf(c.res),
      ...(querystring ? { querystring } : {}),
      ...identityFields(c),
      time: isoTime(now()),
      code: status,
      t: Math.round(elapsed),
      ...(own && own.subrequests > 0 ? { batch_size: own.subrequests } : {}),
    };
    if (debug) {
      fields.request_headers = loggableHeaders(c.req.raw.headers);
      if (requestBody) fields.request_body = await requestBody;
      fields.response_headers = loggableHeaders(c.res.headers);
      if (c.res.body) fields.response_body = await loggableBody(c.res.clone());
    }
    logger.info(fields, parent ? 'subrequest.summary' : 'request.summary');
  };

  return {
    name: 'monitoring',
    middleware: [middleware],
    ...(prometheus
      ? {
          nonJsonPaths: ['/__metrics__'],
          routes: (v1) => {
            v1.get('/__metrics__', metricsHandler(prometheus));
          },
          capabilities: {
            prometheus: {
              description: 'Prometheus metrics.',
              url: 'https://github.com/Kinto/kinto/',
              prefix: prometheus.prefix,
              disabled_metrics: [...prometheus.disabledMetrics],
            },
          },
        }
      : {}),
    ...(options.heartbeats ? { heartbeats: options.heartbeats } : {}),
    ...(options.reporter ? { reportError: options.reporter } : {}),
  };
}
