import type { Logger } from '@core/contracts';
import { type RunningServer, startKintoServer } from '../../src/node/start-server.ts';
import { requestJson } from '../../src/testing/request-json.ts';
import { ON_PRODUCTION_BACKENDS, productionBackends } from './production.ts';

/** A logger that drops everything (`child()` returns itself). */
export function silentLogger(): Logger {
  const noop = () => {};
  const logger: Logger = {
    level: 'silent',
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    fatal: noop,
    child: () => logger,
  };
  return logger;
}

/**
 * Starts Kinto on a random port of 127.0.0.1, silently: on the memory backend, or on a fresh
 * PostgreSQL database + Redis when `KINTO_E2E_BACKENDS=postgres` (the `kinto-on-postgres` project).
 */
export async function startServer(overrides: Record<string, unknown> = {}): Promise<RunningServer> {
  const base = { http_port: 0, bind_host: '127.0.0.1' };
  if (!ON_PRODUCTION_BACKENDS) {
    return startKintoServer({ env: {}, overrides: { ...base, ...overrides }, logger: silentLogger() });
  }
  const production = await productionBackends();
  const running = await startKintoServer({
    env: {},
    overrides: { ...base, ...production.settings, ...overrides },
    logger: silentLogger(),
    importer: (name) => import(name),
  });
  return {
    ...running,
    async close() {
      const clean = await running.close();
      await production.drop();
      return clean;
    },
  };
}

export const basic = (user: string, password: string): string => `Basic ${btoa(`${user}:${password}`)}`;

/** Creates an account anonymously (`PUT /accounts/<id>`) and returns its Authorization header. */
export async function createAccount(url: string, id: string, password: string): Promise<string> {
  const response = await fetch(`${url}accounts/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { password } }),
  });
  if (response.status !== 201) throw new Error(`account ${id}: ${response.status} ${await response.text()}`);
  return basic(id, password);
}

/** The status and parsed body of a raw request. */
export async function raw(
  url: string,
  method: string,
  path: string,
  options: { auth?: string; body?: unknown } = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  return requestJson(
    (relative, init) => fetch(`${url}${relative.replace(/^\//, '')}`, init),
    method,
    path,
    options,
  );
}

/** The HTTP status a kinto-http / kinto.js error carries (`ServerResponse.response.status`). */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response: unknown = Reflect.get(error, 'response');
  if (typeof response !== 'object' || response === null) return undefined;
  const status: unknown = Reflect.get(response, 'status');
  return typeof status === 'number' ? status : undefined;
}

/** Awaits `promise`, expecting a rejection; returns the error (throws if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** The JSON error body (`errno`, `message`, `details`…) a kinto-http / kinto.js error carries. */
export function errorBody(
  error: unknown,
): { code?: number; errno?: number; message?: string; details?: unknown } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data: unknown = Reflect.get(error, 'data');
  if (typeof data !== 'object' || data === null) return undefined;
  const pick = (key: string): unknown => Reflect.get(data, key);
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const errno = number(pick('errno'));
  const code = number(pick('code'));
  const message = pick('message');
  return {
    ...(code !== undefined ? { code } : {}),
    ...(errno !== undefined ? { errno } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    details: pick('details'),
  };
}
