import {
  type ApiEnv,
  errorResponse,
  methodNotAllowed,
  type ParentRequest,
  transactionOf,
} from '@core/http-api';
import type { Context } from 'hono';
import type { PreparedBatch } from './prepare-batch.ts';
import { type Subrequest, toRequest } from './subrequest.ts';
import { decodedPathOf, isRecursive } from './subrequest-path.ts';
import { type BatchSubresponse, toSubresponse } from './subresponse.ts';

/** The outcome of a batch: the list, or the response failing it as a whole. */
export type BatchOutcome =
  | { readonly ok: true; readonly responses: BatchSubresponse[] }
  | { readonly ok: false; readonly response: Response };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Follows one same-app redirect (a trailing slash), as Kinto does; never towards `/batch`. */
function redirectTarget(response: Response, from: URL): URL | null {
  const location = response.headers.get('Location');
  if (!REDIRECTS.has(response.status) || !location) return null;
  const target = new URL(location, from);
  if (target.origin !== from.origin || isRecursive(target.pathname, target)) return null;
  return target;
}

type Dispatch = (request: Request, parent: ParentRequest) => Promise<Response>;

async function send(
  dispatch: Dispatch,
  subrequest: Subrequest,
  parent: ParentRequest,
): Promise<{ response: Response; url: URL }> {
  // `fetch` refuses to build a TRACE request; no route serves it anyway.
  if (subrequest.method === 'TRACE') {
    return { response: errorResponse(methodNotAllowed()), url: subrequest.url };
  }
  const response = await dispatch(toRequest(subrequest), parent);
  const target = redirectTarget(response, subrequest.url);
  if (!target) return { response, url: subrequest.url };
  await response.body?.cancel();
  return { response: await dispatch(toRequest(subrequest, target), parent), url: target };
}

/** A subrequest failure that fails the whole batch, as its own response (framing headers dropped). */
function batchFailure(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return new Response(response.body, { status: response.status, headers });
}

/**
 * Runs the subrequests in order inside the batch's transaction (utilities.md §7.2–§7.3). A 4xx is
 * kept in the list; a 409 (conflict: the transaction is doomed) or a 5xx stops the batch, which then
 * answers with that error so that it rolls back and reports no success for writes that did not
 * persist.
 */
export async function runBatch(c: Context<ApiEnv>, batch: PreparedBatch): Promise<BatchOutcome> {
  const transaction = transactionOf(c);
  // `c.get`, not `c.var`: Hono copies every variable on each `c.var` access.
  const events = c.get('events');
  if (!events) throw new Error('No event collector: the batch route is not wrapped in `transactional`');
  const dispatch = c.get('dispatch');
  const requestId = c.get('requestId');
  const logger = c.get('logger');
  const responses: BatchSubresponse[] = [];
  for (const subrequest of batch.subrequests) {
    const caller = batch.callers[subrequest.index] ?? c.get('caller');
    const parent: ParentRequest = { requestId, caller, transaction, events, ...(logger ? { logger } : {}) };
    const { response, url } = await send(dispatch, subrequest, parent);
    logger?.debug(
      { method: subrequest.method, path: url.pathname, code: response.status, index: subrequest.index },
      'subrequest.summary',
    );
    if (response.status === 409 || response.status >= 500)
      return { ok: false, response: batchFailure(response) };
    responses.push(await toSubresponse(response, decodedPathOf(url), subrequest.method));
  }
  return { ok: true, responses };
}
