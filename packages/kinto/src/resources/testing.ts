import type { JsonValue } from '@core/contracts';
import { createApi, type Settings } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { requestJson, type Send } from '../testing/request-json.ts';
import { KINTO_RESOURCES } from './index.ts';

/** Test support: Kinto's resources over memory backends (no authorization), with a JSON helper. */
export function kintoTestApp(settings: Partial<Settings> = {}) {
  const backends = createMemoryBackends();
  const app = createApi({ backends, resources: KINTO_RESOURCES, settings });
  const send: Send = (path, init) => app.request(path, init);
  const call = (method: string, path: string, body?: JsonValue) => requestJson(send, method, path, { body });
  return { app, backends, call };
}
