import type { AttachmentStorage, Logger } from '@core/contracts';
import {
  type ApiEnv,
  methodNotAllowed,
  preflightHandler,
  transactional,
  transactionOf,
} from '@core/http-api';
import type { Context, Hono } from 'hono';
import { addLink, type OrphanFile, takeLinks } from './links.ts';
import { storageKey } from './naming.ts';
import {
  authorizeAttachmentWrite,
  type RecordParams,
  recordLocation,
  recordUri,
  writeRecord,
} from './record-write.ts';
import { type AttachmentSettings, optionsFor } from './settings.ts';
import { prepareUpload, readForm } from './upload.ts';

export const ATTACHMENT_PATH = '/buckets/:bucket_id/collections/:collection_id/records/:id/attachment';

/** Transactions in which the plugin itself writes `attachment` (the update guard lets them through). */
export const pluginWrites = new WeakSet<object>();

function paramsOf(c: Context<ApiEnv>): RecordParams {
  const { bucket_id = '', collection_id = '', id = '' } = c.req.param() as Record<string, string>;
  return { bucket_id, collection_id, id };
}

/** Removes files after the change that orphaned them is committed; a failure is only logged. */
export async function removeFiles(
  storage: AttachmentStorage,
  locations: readonly string[],
  logger: Logger | undefined,
): Promise<void> {
  for (const location of locations) {
    try {
      await storage.delete(location);
    } catch (error) {
      logger?.error({ err: error, location }, 'Could not remove an attachment file');
    }
  }
}

/** Copies the record write's validators onto the attachment's answer. */
function withRecordHeaders(response: Response, written: Response, location: string): Response {
  for (const name of ['ETag', 'Last-Modified']) {
    const value = written.headers.get(name);
    if (value !== null) response.headers.set(name, value);
  }
  response.headers.set('Location', location);
  return response;
}

/**
 * `POST` (upload, record created if missing) and `DELETE` (detach) on a record's `attachment`, as
 * kinto-attachment: the file is stored before the record is written and removed again when the
 * write or its transaction fails; the replaced file goes only once the new one is committed.
 */
export function mountAttachmentRoutes(
  v1: Hono<ApiEnv>,
  settings: AttachmentSettings,
  storage: AttachmentStorage,
) {
  v1.options(ATTACHMENT_PATH, preflightHandler(['POST', 'DELETE']));

  v1.post(ATTACHMENT_PATH, async (c) => {
    const params = paramsOf(c);
    const options = optionsFor(settings, params.bucket_id, params.collection_id);
    // Refusals first (as Kinto), in a short transaction: the body is read outside any transaction,
    // so a slow upload holds no database connection or lock.
    await transactional(c, async () => {
      await authorizeAttachmentWrite(c, params);
    });
    // The file up to its limit, plus record fields up to the JSON body limit.
    const limit = options.maxSizeBytes > 0 ? options.maxSizeBytes + c.get('settings').body_max_bytes : 0;
    const upload = await prepareUpload(await readForm(c.req.raw, limit), options);
    const key = await storageKey(storage, upload.file.uploadedName, options, params);
    await storage.put(key, upload.file.body, upload.file.contentType);
    const attachment = { ...upload.file.metadata, location: `${settings.baseUrl}${key}` };
    let replaced: OrphanFile[] = [];
    try {
      await transactional(c, async () => {
        // Again, reserving the record: permissions or the record may have changed meanwhile.
        const existing = await authorizeAttachmentWrite(c, params);
        const tx = transactionOf(c);
        pluginWrites.add(tx);
        const written = await writeRecord(c, existing !== undefined, {
          data: { ...upload.data, attachment },
          permissions: upload.permissions,
        });
        if (!written.ok) {
          c.res = written;
          return;
        }
        replaced = await takeLinks(tx, 'record_uri', [recordUri(params)]);
        await addLink(tx, key, params);
        c.res = withRecordHeaders(
          c.json(attachment, written.status as 200 | 201),
          written,
          recordLocation(c),
        );
      });
    } catch (error) {
      await removeFiles(storage, [key], c.get('logger'));
      throw error;
    }
    if (c.res.status >= 400) {
      await removeFiles(storage, [key], c.get('logger'));
      return c.res;
    }
    if (!options.keepOldFiles)
      await removeFiles(
        storage,
        replaced.map((file) => file.location),
        c.get('logger'),
      );
    return c.res;
  });

  v1.delete(ATTACHMENT_PATH, async (c) => {
    const params = paramsOf(c);
    const options = optionsFor(settings, params.bucket_id, params.collection_id);
    let removed: OrphanFile[] = [];
    await transactional(c, async () => {
      const existing = await authorizeAttachmentWrite(c, params);
      const tx = transactionOf(c);
      removed = await takeLinks(tx, 'record_uri', [recordUri(params)]);
      pluginWrites.add(tx);
      const written = await writeRecord(c, existing !== undefined, { data: { attachment: null } });
      c.res = written.ok ? c.body(null, 204) : written;
    });
    if (c.res.status < 400 && !options.keepOldFiles)
      await removeFiles(
        storage,
        removed.map((file) => file.location),
        c.get('logger'),
      );
    return c.res;
  });

  v1.all(ATTACHMENT_PATH, () => Promise.reject(methodNotAllowed()));
}
