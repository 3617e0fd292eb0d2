import { ERRNO, HttpError, type JsonObject } from '@core/contracts';
import { badRequest, invalidParameters, requestTooLarge } from '@core/http-api';
import { extensionOf } from './naming.ts';
import type { AttachmentOptions } from './settings.ts';

/** The multipart field of the file, as kinto-attachment and kinto-http name it. */
export const FILE_FIELD = 'attachment';

/** A file as it will be stored, and its `attachment` metadata (without `location`). */
export interface PreparedFile {
  readonly uploadedName: string;
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly metadata: {
    filename: string;
    hash: string;
    mimetype: string;
    size: number;
    original?: { filename: string; hash: string; mimetype: string; size: number };
  };
}

/** What the upload asks for: the file and the record's `data` / `permissions`. */
export interface Upload {
  readonly file: PreparedFile;
  readonly data: JsonObject;
  readonly permissions: JsonObject | undefined;
}

/** 400 errno 109 `Bad Request` with `message`, as kinto-attachment answers invalid posted data. */
function invalidPostedData(message: string): HttpError {
  return new HttpError({ status: 400, errno: ERRNO.INVALID_POSTED_DATA, error: 'Bad Request', message });
}

const invalidBody = (description: string) => invalidParameters({ location: 'body', name: null, description });

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

class BodyTooLarge extends Error {}

/** `request` whose body errors as soon as more than `maxBytes` of it have been read. */
function capped(request: Request, maxBytes: number): Request {
  if (!request.body) return request;
  let seen = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new BodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Reads the multipart body; 400 when it is not one. With `maxBytes` (> 0), a body past it is
 * refused (413) while it streams in, before it is held in memory whole.
 */
export async function readForm(request: Request, maxBytes = 0): Promise<FormData> {
  if (!(request.headers.get('Content-Type') ?? '').includes('multipart/form-data')) {
    throw badRequest('Content-Type should be multipart/form-data');
  }
  const declared = Number(request.headers.get('Content-Length') ?? Number.NaN);
  if (maxBytes > 0 && declared > maxBytes) throw requestTooLarge(maxBytes);
  try {
    return await (maxBytes > 0 ? capped(request, maxBytes) : request).formData();
  } catch (error) {
    if (error instanceof BodyTooLarge || (error as Error | undefined)?.cause instanceof BodyTooLarge) {
      throw requestTooLarge(maxBytes);
    }
    throw badRequest(`Invalid multipart form: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function jsonField(form: FormData, field: 'data' | 'permissions'): JsonObject | undefined {
  const value = form.get(field);
  if (value === null) return undefined;
  if (typeof value !== 'string') {
    throw invalidPostedData(`body: '${field}' field should be passed as form data, not files`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw invalidPostedData(`body: ${field} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidPostedData(`body: ${field} is not valid JSON (expected an object)`);
  }
  return parsed as JsonObject;
}

/**
 * Validates an upload in kinto-attachment's order — the file field, its name, its size, its
 * extension, then the `data` / `permissions` fields (no other field) — and computes what to store:
 * the file (gzipped with the `gzipped` option, its metadata then describing the `.gz` and `original`
 * the uploaded file) and the record's fields.
 */
export async function prepareUpload(form: FormData, options: AttachmentOptions): Promise<Upload> {
  const file = form.get(FILE_FIELD);
  if (file === null) throw invalidPostedData('Attachment missing.');
  if (typeof file === 'string' || file.name === '') throw invalidBody('Filename is required.');
  if (options.maxSizeBytes > 0 && file.size > options.maxSizeBytes) {
    throw invalidBody(`File size (${file.size} bytes) exceeds the limit (${options.maxSizeBytes} bytes).`);
  }
  const extension = extensionOf(file.name);
  if (options.extensions.size > 0 && !options.extensions.has(extension.slice(1).toLowerCase())) {
    throw invalidBody('File extension is not allowed.');
  }
  for (const name of new Set(form.keys())) {
    if (name !== FILE_FIELD && name !== 'data' && name !== 'permissions') {
      throw invalidPostedData(`body: '${name}' not in ('data', 'permissions')`);
    }
  }
  const data = jsonField(form, 'data') ?? {};
  const permissions = jsonField(form, 'permissions');

  const bytes = new Uint8Array(await file.arrayBuffer());
  const mimetype = options.mimetypes.get(extension) ?? (file.type || 'application/octet-stream');
  const uploaded = { filename: file.name, hash: await sha256(bytes), mimetype, size: bytes.length };
  if (!options.gzipped) {
    return {
      file: { uploadedName: file.name, body: bytes, contentType: mimetype, metadata: uploaded },
      data,
      permissions,
    };
  }
  const compressed = await gzip(bytes);
  const metadata = {
    filename: `${file.name}.gz`,
    hash: await sha256(compressed),
    mimetype: 'application/x-gzip',
    size: compressed.length,
    original: uploaded,
  };
  return {
    file: { uploadedName: metadata.filename, body: compressed, contentType: metadata.mimetype, metadata },
    data,
    permissions,
  };
}
