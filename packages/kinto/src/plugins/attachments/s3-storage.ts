import { type AttachmentStorage, BackendError, isAttachmentKey } from '@core/contracts';
import { AwsClient } from 'aws4fetch';

/** An S3-compatible bucket (AWS, MinIO, R2, s3rver...), addressed path-style. */
export interface S3StorageOptions {
  /** `https://s3.<region>.amazonaws.com` by default; any S3-compatible endpoint. */
  readonly endpoint?: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Canned ACL sent with each upload (`x-amz-acl`, e.g. `public-read`); none by default. */
  readonly acl?: string;
  /** The `fetch` used (default the global one). */
  readonly fetch?: typeof fetch;
}

/**
 * Attachment files in an S3-compatible bucket, over `fetch` with AWS Signature V4 (aws4fetch):
 * runs on Node and on edge runtimes. A failing bucket answers 503 (errno 201) through `BackendError`.
 */
export function createS3AttachmentStorage(options: S3StorageOptions): AttachmentStorage {
  const region = options.region ?? 'us-east-1';
  const endpoint = (options.endpoint ?? `https://s3.${region}.amazonaws.com`).replace(/\/+$/, '');
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region,
    retries: 0,
  });
  const send = options.fetch ?? fetch;
  const urlOf = (key: string) => {
    if (!isAttachmentKey(key)) throw new Error(`Invalid attachment location: ${JSON.stringify(key)}`);
    return `${endpoint}/${encodeURIComponent(options.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  };
  async function call(method: string, key: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await send(await client.sign(urlOf(key), { method, ...init }));
    } catch (error) {
      throw new BackendError(`S3 ${method} ${key} failed`, { cause: error });
    }
    if (response.ok || response.status === 404) return response;
    const detail = await response.text().catch(() => '');
    throw new BackendError(`S3 ${method} ${key}: ${response.status} ${detail.slice(0, 200)}`);
  }
  return {
    name: 's3',
    async put(key, body, contentType) {
      const headers: Record<string, string> = { 'Content-Type': contentType };
      if (options.acl) headers['x-amz-acl'] = options.acl;
      const response = await call('PUT', key, { body: body as Uint8Array<ArrayBuffer>, headers });
      if (response.status === 404) throw new BackendError(`S3 bucket ${options.bucket} not found`);
    },
    async delete(key) {
      await (await call('DELETE', key)).body?.cancel();
    },
    async exists(key) {
      const response = await call('HEAD', key);
      await response.body?.cancel();
      return response.ok;
    },
    async read(key) {
      const response = await call('GET', key);
      if (!response.ok) {
        await response.body?.cancel();
        return undefined;
      }
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

/**
 * The S3 storage the settings describe — kinto-attachment's `attachment.aws.access_key`,
 * `secret_key`, `bucket_name`, `acl`, plus `attachment.aws.endpoint_url` and `region` for
 * S3-compatible services — or `undefined` without `attachment.aws.bucket_name`.
 */
export function s3StorageFromSettings(
  settings: Readonly<Record<string, unknown>>,
): AttachmentStorage | undefined {
  const value = (name: string) => {
    const raw = settings[`attachment.aws.${name}`];
    return raw === undefined || raw === null || raw === '' ? undefined : String(raw);
  };
  const bucket = value('bucket_name');
  if (!bucket) return undefined;
  const accessKeyId = value('access_key');
  const secretAccessKey = value('secret_key');
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(
      'attachment.aws.access_key and attachment.aws.secret_key are required with attachment.aws.bucket_name',
    );
  }
  const endpoint = value('endpoint_url');
  const region = value('region');
  const acl = value('acl');
  return createS3AttachmentStorage({
    bucket,
    accessKeyId,
    secretAccessKey,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(acl ? { acl } : {}),
  });
}
