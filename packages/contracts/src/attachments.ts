/**
 * Where the files of Kinto's attachments live (local folder, S3-compatible bucket...). Keys are
 * relative locations such as `bucket/collection/0c2e….png`: `/`-separated, never absolute, never
 * containing `..`. Implementations must accept concurrent calls on distinct keys.
 */
export interface AttachmentStorage {
  /** A name for logs and heartbeats (`local`, `s3`). */
  readonly name: string;
  /** Stores `body` under `key` (replacing what was there), to be served with `contentType`. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** The stored bytes, or `undefined` when absent (used when the server serves the files itself). */
  read(key: string): Promise<Uint8Array | undefined>;
}

/** `true` when `key` is a relative `/`-separated location without empty, `.` or `..` segments. */
export function isAttachmentKey(key: string): boolean {
  if (key === '' || key.startsWith('/') || key.includes('\\') || key.includes('\0')) return false;
  return key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
