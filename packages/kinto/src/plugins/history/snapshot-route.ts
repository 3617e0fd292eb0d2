import {
  type ApiEnv,
  forbidden,
  invalidParameters,
  methodNotAllowed,
  transactional,
  transactionOf,
  unauthorized,
} from '@core/http-api';
import type { Context, Hono } from 'hono';
import { collectionSnapshot } from './snapshot.ts';

const SNAPSHOT_PATH = '/buckets/:bucket_id/snapshot/collections/:collection_at';

/** `{cid}@{timestamp}` → its parts; the timestamp must be a non-negative integer. */
function parseTarget(value: string): { collectionId: string; timestamp: number } {
  const at = value.lastIndexOf('@');
  const digits = at === -1 ? '' : value.slice(at + 1);
  const timestamp = Number(digits);
  if (!/^\d+$/.test(digits) || !Number.isSafeInteger(timestamp)) {
    throw invalidParameters({
      location: 'path',
      name: 'timestamp',
      description: 'timestamp must be a non-negative integer',
    });
  }
  return { collectionId: value.slice(0, at), timestamp };
}

async function snapshotHandler(c: Context<ApiEnv>): Promise<Response> {
  const bucketId = c.req.param('bucket_id') ?? '';
  const { collectionId, timestamp } = parseTarget(c.req.param('collection_at') ?? '');
  const tx = transactionOf(c);
  const bucketUri = `/buckets/${bucketId}`;
  const collectionUri = `${bucketUri}/collections/${collectionId}`;
  const allowed = await tx.permission.checkPermission(c.var.caller.principals, [
    [bucketUri, 'read'],
    [bucketUri, 'write'],
    [collectionUri, 'read'],
    [collectionUri, 'write'],
  ]);
  if (!allowed) {
    if (c.var.caller.userId !== null) throw forbidden();
    throw unauthorized(c.var.policies.map((policy) => policy.challenge?.()).find((value) => value));
  }
  const data = await collectionSnapshot(tx.storage, bucketId, collectionId, timestamp);
  return c.json({ data });
}

/** Mounts `GET /buckets/{bid}/snapshot/collections/{cid}@{timestamp}` (kinto-resources.md §9.3). */
export function mountSnapshot(v1: Hono<ApiEnv>): void {
  v1.get(SNAPSHOT_PATH, transactional, snapshotHandler);
  v1.all(SNAPSHOT_PATH, () => Promise.reject(methodNotAllowed()));
}
