import { type AnswerContext, type Backend, type Expectation, SENTINEL, send } from './harness.ts';

// Checks shared by the hostile test files, run on one backend after its answer.

/**
 * Throws unless `GET path` (as alice) answers 404, or 403 where she could not know: a refused write
 * stored nothing (a missing bucket is a 403 to whoever may not create it, as in Kinto; one she
 * had created would answer 200).
 */
export function notStored(path: string): Expectation['after'] {
  return async ({ backend }: AnswerContext) => {
    const reply = await send(backend, 'GET', path);
    if (reply.status !== 404 && reply.status !== 403) {
      throw new Error(`${path} was stored although the write was refused: GET answered ${reply.status}`);
    }
  };
}

/** `GET path` as alice, throwing unless it answers 200; returns `data`. */
export async function readData(backend: Backend, path: string): Promise<Record<string, unknown>> {
  const reply = await send(backend, 'GET', path);
  if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}`);
  return reply.json.data;
}

/**
 * Throws if `polluted` leaked into objects the request did not write: a new record, a sentinel, a
 * filtered listing (prototype pollution through `__proto__` / `constructor.prototype` keys).
 */
export async function notPolluted(backend: Backend, collection: string): Promise<void> {
  const created = await send(backend, 'POST', `${collection}/records`, { json: { data: { fresh: true } } });
  const fresh = created.json?.data ?? {};
  const sentinel = await readData(backend, `${SENTINEL.records}/s1`);
  const listed = await send(backend, 'GET', `${SENTINEL.records}?polluted=true`);
  if ('polluted' in fresh || 'polluted' in sentinel || (listed.json?.data ?? []).length > 0) {
    throw new Error(
      `prototype polluted: new record ${JSON.stringify(fresh)}, sentinel ${JSON.stringify(sentinel)}, ?polluted=true ${JSON.stringify(listed.json)}`,
    );
  }
}

/** Runs several `after` checks in order. */
export function all(...checks: ReadonlyArray<Expectation['after']>): Expectation['after'] {
  return async (context) => {
    for (const check of checks) await check?.(context);
  };
}
