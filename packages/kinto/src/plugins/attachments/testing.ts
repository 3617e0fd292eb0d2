import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKintoApp } from '../../create-kinto-app.ts';
import { createLocalAttachmentStorage } from '../../node/local-attachment-storage.ts';

/** Test support: `Basic` credentials of `user` (any password works with `basicauth`). */
export const basic = (user: string) => `Basic ${btoa(`${user}:pw`)}`;

/** Test support: a multipart body with the file `name` holding `content`, plus text fields. */
export function uploadForm(
  name: string,
  content: string | Uint8Array,
  fields: Record<string, string> = {},
  type = 'image/jpeg',
): FormData {
  const form = new FormData();
  form.append('attachment', new Blob([content as BlobPart], { type }), name);
  for (const [field, value] of Object.entries(fields)) form.append(field, value);
  return form;
}

/**
 * Test support: Kinto with the attachments plugin storing into a fresh temporary folder, Basic
 * Auth, `fennec/fonts` created by `mat`; `settings` on top. `close()` removes the folder.
 */
export async function attachmentApp(settings: Record<string, unknown> = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'kinto-attachments-'));
  const storage = createLocalAttachmentStorage(folder);
  const app = await createKintoApp({
    settings: {
      includes: 'kinto.plugins.default_bucket kinto_attachment',
      'multiauth.policies': 'basicauth',
      'attachment.base_path': folder,
      'attachment.base_url': 'https://cdn.example.com/files/',
      'attachment.folder': '{bucket_id}/{collection_id}',
      ...settings,
    },
    attachmentStorage: storage,
  });
  const request = (
    method: string,
    path: string,
    init: { user?: string | null; body?: BodyInit; headers?: Record<string, string> } = {},
  ) =>
    app.app.request(`/v1${path}`, {
      method,
      headers: {
        ...(init.user === null ? {} : { Authorization: basic(init.user ?? 'mat') }),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
  const json = async (method: string, path: string, body?: unknown, user?: string | null) => {
    const response = await request(method, path, {
      ...(user !== undefined ? { user } : {}),
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
        : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  const upload = async (
    path: string,
    form: FormData,
    user?: string | null,
    headers: Record<string, string> = {},
  ) => {
    const response = await request('POST', `${path}/attachment`, {
      body: form,
      headers,
      ...(user !== undefined ? { user } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  /** The storage key of a `location` written with the test `base_url`. */
  const keyOf = (location: string) => location.replace('https://cdn.example.com/files/', '');
  await json('PUT', '/buckets/fennec');
  await json('PUT', '/buckets/fennec/collections/fonts');
  return {
    app,
    storage,
    folder,
    request,
    json,
    upload,
    keyOf,
    close: () => rm(folder, { recursive: true, force: true }),
  };
}
