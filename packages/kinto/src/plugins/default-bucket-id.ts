import { hmacSha256Hex } from '@core/authz';

/** Ids of the users seen lately (hello and every `/buckets/default` request ask for them). */
const MAX_IDS = 10_000;
const ids = new Map<string, string>();

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
  const memo = `${secret.length}:${secret}${userId}`;
  let id = ids.get(memo);
  if (id === undefined) {
    const hex = (await hmacSha256Hex(secret, userId)).slice(0, 32);
    id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    if (ids.size >= MAX_IDS) ids.clear();
    ids.set(memo, id);
  }
  return id;
}
