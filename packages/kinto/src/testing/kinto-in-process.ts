import { createKintoApp, type KintoConfig } from '../create-kinto-app.ts';
import { type JsonAnswer, requestJson, type Send } from './request-json.ts';

/** Test support: the whole Kinto app in process, with `send` (raw answers) and `call` (JSON). */
export async function kintoInProcess(config: KintoConfig = {}) {
  const { app } = await createKintoApp(config);
  const send: Send = (path, init) => app.request(path, init);
  const call = (
    method: string,
    path: string,
    options: { body?: unknown; auth?: string } = {},
  ): Promise<JsonAnswer> => requestJson(send, method, path, options);
  return { app, send, call };
}
