import type { Logger } from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import { createApi } from './create-api.ts';
import type { ApiOptions } from './options.ts';

/** One line written to a {@link recordingLogger}. */
export interface LogLine {
  readonly level: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly message: string | undefined;
}

/** Test support: a logger keeping every line in `lines` (children write to the same list). */
export function recordingLogger(
  lines: LogLine[] = [],
  bindings: Record<string, unknown> = {},
): Logger & {
  lines: LogLine[];
} {
  const log =
    (level: string) =>
    (first: Readonly<Record<string, unknown>> | string, message?: string): void => {
      if (typeof first === 'string') lines.push({ level, fields: { ...bindings }, message: first });
      else lines.push({ level, fields: { ...bindings, ...first }, message });
    };
  return {
    lines,
    level: 'trace',
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    fatal: log('fatal'),
    child: (extra) => recordingLogger(lines, { ...bindings, ...extra }),
  };
}

/** Test support: an API over fresh memory backends (`backends` may be overridden too). */
export function shellApp(options: Partial<ApiOptions> = {}) {
  const backends = options.backends ?? createMemoryBackends();
  const app = createApi({ ...options, backends });
  async function call(method: string, path: string, headers: Record<string, string> = {}) {
    const response = await app.request(path, { method, headers });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
    const json: any = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, json, text };
  }
  return { app, backends, call };
}
