import { type AttachmentStorage, isAttachmentKey } from '@core/contracts';
import { type ApiEnv, objectNotFound } from '@core/http-api';
import type { Hono } from 'hono';
import { extensionOf } from './naming.ts';
import type { AttachmentSettings } from './settings.ts';

/** Types of the extensions kinto-attachment allows by default (and a few more); else octet-stream. */
const TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.xml': 'application/xml',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.jpg': 'image/jpeg',
  '.jpe': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.tiff': 'image/tiff',
  '.gz': 'application/gzip',
  '.zip': 'application/zip',
};

/**
 * The path (below the version prefix) where the server serves the files itself, when
 * `attachment.base_url` points at it (`http://localhost:8888/v1/attachments/` → `/attachments/`);
 * `null` when the files are served elsewhere.
 */
export function servedPath(settings: AttachmentSettings): string | null {
  if (!settings.baseUrl) return null;
  let pathname: string;
  try {
    pathname = new URL(settings.baseUrl, 'http://server.invalid').pathname;
  } catch {
    return null;
  }
  const match = /^\/v\d+(\/.+)$/.exec(pathname);
  if (!match?.[1]) return null;
  return match[1].endsWith('/') ? match[1] : `${match[1]}/`;
}

/**
 * `GET` (and `HEAD`) of the stored files under {@link servedPath}, to anyone, as a web server would
 * serve `base_path` (names are random by default). The API's `Content-Security-Policy` stays on
 * them, so an uploaded SVG or HTML file cannot run scripts from the API's origin.
 */
export function mountFileServing(
  v1: Hono<ApiEnv>,
  path: string,
  settings: AttachmentSettings,
  storage: AttachmentStorage,
): void {
  v1.get(`${path}*`, async (c) => {
    const key = decodeURIComponent(c.req.path.slice(c.req.path.indexOf(path) + path.length));
    const body = isAttachmentKey(key) ? await storage.read(key) : undefined;
    if (!body) throw objectNotFound('attachment', key);
    const extension = extensionOf(key);
    const type =
      settings.defaults.mimetypes.get(extension) ??
      TYPES[extension.toLowerCase()] ??
      'application/octet-stream';
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=3600',
    });
  });
}
