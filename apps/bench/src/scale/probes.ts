import { BUCKET, RECORDS_PATH } from '../collection.ts';

/**
 * The collection the write probes create their fresh records in: a sibling of the million records,
 * so their writes never change what the read probes expect (the count, the empty poll), while the
 * ACE table they clean up on DELETE still holds every ACE of the million.
 */
export const WRITES_COLLECTION_PATH = `/v1/buckets/${BUCKET}/collections/writes`;

import type { ScaleOptions } from './options.ts';

/** Who sends a probe: the collection's owner, the account that may read a share of its records, nobody. */
export type Actor = 'owner' | 'reader' | 'anonymous';

/** What an answer must hold for its time to count (a fast wrong answer is no measurement). */
export type Expectation =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'total'; readonly count: number }
  | {
      readonly kind: 'records';
      /** Exactly this many records, when given. */
      readonly count?: number;
      /** At least one record, each with this field value, when given. */
      readonly every?: { readonly field: string; readonly value: unknown };
    };

/** One request, repeated and timed. A `page` probe is reached first by following `Next-Page`. */
export interface Probe {
  readonly id: string;
  readonly title: string;
  readonly actor: Actor;
  readonly method: 'GET' | 'HEAD' | 'PATCH' | 'DELETE';
  /**
   * The request path, the page of the default listing to walk to, or the records path where each
   * request first creates (untimed) the fresh record it then acts on.
   */
  readonly target: { readonly path: string } | { readonly page: number } | { readonly fresh: string };
  /** A JSON body, sent with `Content-Type: application/json`. */
  readonly body?: string;
  readonly expect: Expectation;
}

/** What the probes need from the seeded collection. */
export interface ProbeContext {
  readonly records: number;
  /** Records the reader may read. */
  readonly readable: number;
  /** The collection's ETag, unquoted (an empty `_since` poll). */
  readonly etag: string;
  /** A record id the owner reads, one the reader may read. */
  readonly ownerId: string;
  readonly readerId: string;
  /** The `n` of one record, for the selective filter. */
  readonly selectiveN: number;
}

/** The `n` the selective filter looks for: 123,456 on a million records, always an existing one. */
export function selectiveN(records: number): number {
  return 123_456 % records;
}

/** How many of `records` records the reader may read with one every `stride` (n = 0, stride, …). */
export function readableCount(records: number, stride: number): number {
  return Math.floor((records - 1) / stride) + 1;
}

/** Records on page `page` (1-based) of `size` out of `total`. */
export function recordsOnPage(total: number, page: number, size: number): number {
  return Math.max(0, Math.min(size, total - (page - 1) * size));
}

export function pageProbeId(actor: 'owner' | 'reader', page: number): string {
  return actor === 'owner' ? `page-${page}` : `reader-page-${page}`;
}

/** Issue 11 item 4's probes, in the order they run (references first). */
export function scaleProbes(options: ScaleOptions, context: ProbeContext): Probe[] {
  const size = options.pageSize;
  const pages = (actor: 'owner' | 'reader', list: readonly number[], total: number): Probe[] =>
    list.map((page) => ({
      id: pageProbeId(actor, page),
      title: `${actor === 'reader' ? "reader's " : ''}page ${page.toLocaleString('en-US')} of \`_limit=${size}\`${page > 1 ? ' (Next-Page)' : ''}`,
      actor,
      method: 'GET',
      target: { page },
      expect: { kind: 'records', count: recordsOnPage(total, page, size) },
    }));
  return [
    {
      id: 'lbheartbeat',
      title: 'reference: `GET /v1/__lbheartbeat__` (no auth, no storage)',
      actor: 'anonymous',
      method: 'GET',
      target: { path: '/v1/__lbheartbeat__' },
      expect: { kind: 'status', status: 200 },
    },
    {
      id: 'hello',
      title: 'reference: `GET /v1/` (authenticated hello)',
      actor: 'owner',
      method: 'GET',
      target: { path: '/v1/' },
      expect: { kind: 'status', status: 200 },
    },
    ...pages('owner', options.pages, context.records),
    {
      id: 'filter-status',
      title: `\`?status=done&_limit=${size}\``,
      actor: 'owner',
      method: 'GET',
      target: { path: `${RECORDS_PATH}?status=done&_limit=${size}` },
      // Statuses go todo, doing, done: a third of the records are done.
      expect: {
        kind: 'records',
        count: Math.min(size, Math.floor(context.records / 3)),
        every: { field: 'status', value: 'done' },
      },
    },
    {
      id: 'filter-n',
      title: `\`?n=${context.selectiveN}\` (one match)`,
      actor: 'owner',
      method: 'GET',
      target: { path: `${RECORDS_PATH}?n=${context.selectiveN}` },
      expect: { kind: 'records', count: 1, every: { field: 'n', value: context.selectiveN } },
    },
    {
      id: 'poll',
      title: '`?_since=<current ETag>` (nothing new)',
      actor: 'owner',
      method: 'GET',
      target: { path: `${RECORDS_PATH}?_since=${context.etag}` },
      expect: { kind: 'records', count: 0 },
    },
    {
      id: 'count',
      title: '`HEAD` → `Total-Objects`',
      actor: 'owner',
      method: 'HEAD',
      target: { path: RECORDS_PATH },
      expect: { kind: 'total', count: context.records },
    },
    {
      id: 'get-id',
      title: 'GET one record by id',
      actor: 'owner',
      method: 'GET',
      target: { path: `${RECORDS_PATH}/${context.ownerId}` },
      expect: { kind: 'status', status: 200 },
    },
    {
      id: 'patch',
      title: 'PATCH a fresh record (created untimed just before)',
      actor: 'owner',
      method: 'PATCH',
      target: { fresh: `${WRITES_COLLECTION_PATH}/records` },
      body: JSON.stringify({ data: { status: 'done' } }),
      expect: { kind: 'status', status: 200 },
    },
    {
      id: 'delete',
      title: 'DELETE a fresh record (created untimed just before)',
      actor: 'owner',
      method: 'DELETE',
      target: { fresh: `${WRITES_COLLECTION_PATH}/records` },
      expect: { kind: 'status', status: 200 },
    },
    ...pages('reader', options.readerPages, context.readable),
    {
      id: 'reader-count',
      title: "reader's `HEAD` → `Total-Objects`",
      actor: 'reader',
      method: 'HEAD',
      target: { path: RECORDS_PATH },
      expect: { kind: 'total', count: context.readable },
    },
    {
      id: 'reader-get-id',
      title: 'reader: GET one shared record by id',
      actor: 'reader',
      method: 'GET',
      target: { path: `${RECORDS_PATH}/${context.readerId}` },
      expect: { kind: 'status', status: 200 },
    },
  ];
}

/** What is wrong with an answer, if anything. */
export function checkAnswer(
  expectation: Expectation,
  answer: { status: number; body: string; totalObjects: string | undefined },
): string | undefined {
  const wanted = expectation.kind === 'status' ? expectation.status : 200;
  if (answer.status !== wanted) return `answered ${answer.status}: ${answer.body.slice(0, 200)}`;
  if (expectation.kind === 'status') return undefined;
  if (expectation.kind === 'total') {
    return answer.totalObjects === String(expectation.count)
      ? undefined
      : `Total-Objects ${answer.totalObjects} instead of ${expectation.count}`;
  }
  const data = (JSON.parse(answer.body) as { data: Record<string, unknown>[] }).data;
  if (expectation.count !== undefined && data.length !== expectation.count) {
    return `${data.length} records instead of ${expectation.count}`;
  }
  const every = expectation.every;
  if (every === undefined) return undefined;
  if (data.length === 0) return `no record with ${every.field} = ${JSON.stringify(every.value)}`;
  const wrong = data.find((record) => record[every.field] !== every.value);
  return wrong ? `a record with ${every.field} = ${JSON.stringify(wrong[every.field])}` : undefined;
}
