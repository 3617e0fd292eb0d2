import type { JsonValue } from '@core/contracts';
import { createApi, type Settings } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { KINTO_RESOURCES } from './index.ts';

/** Test support: Kinto's resources over memory backends (no authorization), with a JSON helper. */
export function kintoTestApp(settings: Partial<Settings> = {}) {
  const backends = createMemoryBackends();
  const app = createApi({ backends, resources: KINTO_RESOURCES, settings });
  async function call(method: string, path: string, body?: JsonValue) {
    const response = await app.request(path, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
        : {}),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
    const json: any = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, json };
  }
  return { app, backends, call };
}
