import type { Request } from 'autocannon';
import { RECORDS_PATH } from './collection.ts';
import type { WorkloadId } from './options.ts';
import { taskRecord } from './records.ts';

/** What a workload needs to know about the subject it loads. */
export interface WorkloadContext {
  /** Ids of the seeded records. */
  readonly ids: readonly string[];
  /** The collection's current ETag, unquoted (for `_since`). */
  readonly etag: string;
}

export interface Workload {
  readonly id: WorkloadId;
  readonly title: string;
  readonly kind: 'read' | 'write';
  /** What one autocannon request is (W6: one batch of 25 creates). */
  readonly unit: 'req' | 'batch';
  /** The autocannon request sequence (one entry, rebuilt per request when it varies). */
  requests(context: WorkloadContext): Request[];
}

export const BATCH_SIZE = 25;

let counter = 0;
function freshBody(): string {
  counter += 1;
  return JSON.stringify({ data: taskRecord(100_000 + counter) });
}

function batchBody(): string {
  const requests = Array.from({ length: BATCH_SIZE }, () => {
    counter += 1;
    return { body: { data: taskRecord(100_000 + counter) } };
  });
  return JSON.stringify({ defaults: { method: 'POST', path: RECORDS_PATH.slice(3) }, requests });
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export const WORKLOADS: Readonly<Record<WorkloadId, Workload>> = {
  W1: {
    id: 'W1',
    title: 'GET one record by random id',
    kind: 'read',
    unit: 'req',
    requests: ({ ids }) => [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `${RECORDS_PATH}/${ids[Math.floor(Math.random() * ids.length)]}`,
        }),
      },
    ],
  },
  W2: {
    id: 'W2',
    title: 'list ?_limit=10&_sort=-last_modified',
    kind: 'read',
    unit: 'req',
    requests: () => [{ method: 'GET', path: `${RECORDS_PATH}?_limit=10&_sort=-last_modified` }],
  },
  W3: {
    id: 'W3',
    title: 'filter ?status=done&_limit=10',
    kind: 'read',
    unit: 'req',
    requests: () => [{ method: 'GET', path: `${RECORDS_PATH}?status=done&_limit=10` }],
  },
  W4: {
    id: 'W4',
    title: 'POST create one record',
    kind: 'write',
    unit: 'req',
    requests: () => [
      {
        method: 'POST',
        path: RECORDS_PATH,
        headers: JSON_HEADERS,
        setupRequest: (request) => ({ ...request, body: freshBody() }),
      },
    ],
  },
  W5: {
    id: 'W5',
    title: '?_since=<current ETag> (nothing new)',
    kind: 'read',
    unit: 'req',
    requests: ({ etag }) => [{ method: 'GET', path: `${RECORDS_PATH}?_since=${etag}` }],
  },
  W6: {
    id: 'W6',
    title: `POST /batch of ${BATCH_SIZE} creates`,
    kind: 'write',
    unit: 'batch',
    requests: () => [
      {
        method: 'POST',
        path: '/v1/batch',
        headers: JSON_HEADERS,
        setupRequest: (request) => ({ ...request, body: batchBody() }),
      },
    ],
  },
  W7: {
    id: 'W7',
    title: 'authenticated hello GET /v1/',
    kind: 'read',
    unit: 'req',
    requests: () => [{ method: 'GET', path: '/v1/' }],
  },
};
