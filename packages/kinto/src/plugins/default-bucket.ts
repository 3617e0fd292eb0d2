import { isCoreError, type ResourceEventPayload, type TransactionScope } from '@core/contracts';
import {
  type ApiEnv,
  type ApiPlugin,
  anyListenerWants,
  invalidParameters,
  methodNotAllowed,
  nameGenerator,
  transactional,
  unauthorized,
} from '@core/http-api';
import type { Context, MiddlewareHandler } from 'hono';
import { personalBucketId } from './default-bucket-id.ts';

const DEFAULT_PATH = /^(\/v\d+)\/buckets\/default(\/.*)?$/;
const COLLECTION_PATH = /^\/collections\/([^/]+)/;

async function found(read: Promise<unknown>): Promise<boolean> {
  try {
    await read;
    return true;
  } catch (error) {
    if (isCoreError(error, 'OBJECT_NOT_FOUND')) return false;
    throw error;
  }
}

/**
 * Whether the object exists. When it seems absent, it is read again reserved for the request's
 * transaction (taken only then: the usual case costs a plain read), so concurrent first requests
 * create it once and the others find it — never a 409.
 */
async function exists(tx: TransactionScope, resource: string, parent: string, id: string): Promise<boolean> {
  const scope = { resource, parent };
  if (await found(tx.storage.get(scope, id))) return true;
  return found(tx.storage.get(scope, id, { forUpdate: true }));
}

/** Creates an object that must exist, as its owner would, with the usual `create` event. */
async function ensure(
  c: Context<ApiEnv>,
  resource: string,
  parent: string,
  id: string,
  params: Record<string, string>,
): Promise<void> {
  const tx = c.get('transaction')!;
  if (await exists(tx, resource, parent, id)) return;
  const created = await tx.storage.create({ resource, parent }, { id });
  const uri = `${parent}/${resource}s/${id}`;
  if (c.get('settings').explicit_permissions)
    await tx.permission.addPrincipalToAce(uri, 'write', c.get('caller').userId!);
  if (!anyListenerWants(c.get('listeners'), 'create', resource)) return;
  const payload: ResourceEventPayload = {
    ...params,
    timestamp: created.last_modified,
    action: 'create',
    uri,
    user_id: c.get('caller').userId,
    resource_name: resource,
  };
  c.get('events')?.add(parent, payload, [{ new: created }]);
}

/** The request rewritten to the personal bucket: same method, query, headers and body (a `data.id` naming `default` fixed). */
async function rewritten(
  c: Context<ApiEnv>,
  prefix: string,
  bucketId: string,
  rest: string,
): Promise<Request> {
  const url = new URL(c.req.url);
  url.pathname = `${prefix}/buckets/${bucketId}${rest}`;
  let body: string | ArrayBuffer | undefined;
  const hasMethodBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  if (hasMethodBody && /^multipart\//i.test(c.req.header('Content-Type') ?? '')) {
    // A file upload (attachments) goes through byte for byte.
    body = await c.req.arrayBuffer();
  } else if (hasMethodBody) {
    body = await c.req.text();
    try {
      const parsed = JSON.parse(body) as { data?: { id?: unknown } };
      if (typeof parsed?.data?.id === 'string' && parsed.data.id.includes('default')) {
        parsed.data.id = parsed.data.id.replace('default', bucketId);
        body = JSON.stringify(parsed);
      }
    } catch {
      // Not JSON: the real route answers it.
    }
  }
  // An empty body stays absent: a string body, even empty, would get a `text/plain` Content-Type.
  const hasBody = typeof body === 'string' ? body !== '' : body !== undefined && body.byteLength > 0;
  return new Request(url, {
    method: c.req.method,
    headers: c.req.raw.headers,
    ...(hasBody ? { body } : {}),
  });
}

const aliasMiddleware: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const match = DEFAULT_PATH.exec(c.req.path);
  if (!match || c.req.method === 'OPTIONS') return next();
  const [, prefix = '/v1', rest = ''] = match;
  const userId = c.get('caller').userId;
  if (userId === null) {
    const challenge = c
      .get('policies')
      .map((policy) => policy.challenge?.())
      .find((value) => value);
    throw unauthorized(challenge);
  }
  if (c.get('settings').readonly) throw methodNotAllowed();
  const bucketId = await personalBucketId(c.get('settings'), userId);
  const collectionId = COLLECTION_PATH.exec(rest)?.[1];
  if (collectionId !== undefined && !nameGenerator.pattern.test(collectionId)) {
    throw invalidParameters({ location: 'path', name: 'id', description: 'Invalid collection id' });
  }
  const request = await rewritten(c, prefix, bucketId, rest);
  // The implicit creations commit on their own, before the request runs: as in Kinto, they stay even
  // when the request then fails (a 404 below the collection included). In a batch, they join it.
  await transactional(c, async () => {
    const putting = c.req.method === 'PUT';
    if (!(putting && rest === '')) await ensure(c, 'bucket', '', bucketId, { bucket_id: bucketId });
    if (collectionId !== undefined && !(putting && rest === `/collections/${collectionId}`)) {
      const params = { bucket_id: bucketId, collection_id: collectionId };
      await ensure(c, 'collection', `/buckets/${bucketId}`, collectionId, params);
    }
  });
  return transactional(c, async () => {
    const parent = {
      requestId: c.get('requestId'),
      caller: c.get('caller'),
      transaction: c.get('transaction')!,
      events: c.get('events')!,
      ...(c.get('logger') ? { logger: c.get('logger') } : {}),
      delegated: true,
    };
    c.res = await c.get('dispatch')(request, parent);
  });
};

/**
 * The `default_bucket` plugin (kinto-resources.md §6): `/buckets/default...` is an alias of the
 * caller's personal bucket, created (and the named collection) on first use, whatever the request's
 * outcome; hello's `user.bucket` gives its id.
 */
export function defaultBucketPlugin(): ApiPlugin {
  return {
    name: 'default_bucket',
    capabilities: {
      default_bucket: {
        description:
          'The default bucket is an alias for a personal bucket where collections are created implicitly.',
        url: 'https://kinto.readthedocs.io/en/latest/api/1.x/buckets.html#personal-bucket-default',
      },
    },
    beforeRoutes: [aliasMiddleware],
    helloUser: async (c) => ({
      bucket: await personalBucketId(c.get('settings'), c.get('caller').userId ?? ''),
    }),
  };
}
