import { hmacSha256Hex } from '@core/authz';

/**
 * The personal bucket id of `userId` (kinto-resources.md §6): the first 32 hex characters of
 * HMAC-SHA256(secret, user id) formatted as a UUID; the secret is `default_bucket_hmac_secret` when
 * set, else `userid_hmac_secret`.
 */
export async function personalBucketId(
  settings: Readonly<Record<string, unknown>>,
  userId: string,
): Promise<string> {
  const own = settings.default_bucket_hmac_secret;
  const secret = typeof own === 'string' ? own : String(settings.userid_hmac_secret ?? '');
  const hex = (await hmacSha256Hex(secret, userId)).slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
