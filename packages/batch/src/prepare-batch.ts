import {
  type ApiEnv,
  bodyOptionsOf,
  type Caller,
  invalidParameters,
  type ReadJsonBodyOptions,
  readJsonBody,
  type Settings,
  versionPrefix,
} from '@core/http-api';
import type { Context } from 'hono';
import { callersOf } from './callers.ts';
import { parseBatchPayload } from './schema.ts';
import { batchParent, buildSubrequest, type Subrequest } from './subrequest.ts';

/** A validated batch, ready to run. */
export interface PreparedBatch {
  readonly subrequests: readonly Subrequest[];
  /** The caller of each subrequest, by index. */
  readonly callers: readonly Caller[];
}

// A subrequest's body sits three levels down in the batch body (`requests`, its entry, `body`).
const ENVELOPE_DEPTH = 3;
const batchOptions = new WeakMap<Settings, ReadJsonBodyOptions>();

/**
 * The body limits of a batch: the settings' ones, the depth counted from each subrequest's body (so
 * a body refused alone is refused in a batch, and the other way round).
 */
function batchBodyOptions(settings: Settings, maxBytes: number | undefined): ReadJsonBodyOptions {
  let options = batchOptions.get(settings);
  if (!options) {
    options = { ...bodyOptionsOf(settings), envelopeDepth: ENVELOPE_DEPTH };
    batchOptions.set(settings, options);
  }
  return maxBytes === undefined ? options : { ...options, maxBytes };
}

/**
 * Reads and checks a batch request before any subrequest runs (utilities.md §7.1): body and schema,
 * `batch_max_requests` (`0`/`null` = unlimited), recursion, headers; then resolves the callers.
 * @throws HttpError 415 or 400 errno 107.
 */
export async function prepareBatch(c: Context<ApiEnv>, maxBytes?: number): Promise<PreparedBatch> {
  const options = batchBodyOptions(c.get('settings'), maxBytes);
  const specs = parseBatchPayload((await readJsonBody(c.req.raw, 'POST', options)).body);
  const limit = c.get('settings').batch_max_requests;
  if (limit && specs.length > limit) {
    throw invalidParameters({
      location: 'body',
      name: 'requests',
      description: `Number of requests is limited to ${limit}`,
    });
  }
  const prefix = versionPrefix(c.get('settings'));
  const parent = batchParent(c.req.raw);
  const subrequests = specs.map((spec, index) => buildSubrequest(spec, index, parent, prefix));
  return { subrequests, callers: await callersOf(c, subrequests) };
}
