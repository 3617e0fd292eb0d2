import { exchange, plainFrames, type RawAnswer, requestHead } from '../hostile/raw-http.ts';
import { mustJson } from './client.ts';
import { fuzzRequests } from './fuzz.ts';

/** What the fuzz pass saw. */
export interface FuzzFigures {
  sent: number;
  /** Answers by status (`deadline`, `no-answer` for none). */
  readonly statuses: Map<string, number>;
  /** Requests answered 5xx or not at all, to replay with the seed. */
  readonly problems: string[];
}

/**
 * Creates the collection `<bucket>/collections/fuzz` with a few records, then sends `count` requests
 * drawn from `seed` to it, byte for byte, one after the other.
 */
export async function runFuzzPass(options: {
  origin: string;
  bucket: string;
  auth: string;
  seed: number;
  count: number;
}): Promise<FuzzFigures> {
  const { origin, auth } = options;
  const records = `${options.bucket}/collections/fuzz/records`;
  const port = Number(new URL(origin).port);
  await mustJson(origin, 'PUT', `${options.bucket}/collections/fuzz`, auth);
  const ids: string[] = [];
  for (let index = 0; index < 6; index++) {
    const created = await mustJson(origin, 'POST', records, auth, { data: { n: index, title: `t${index}` } });
    ids.push(String(created.body.data.id));
  }
  const page = await mustJson(origin, 'GET', `${records}?_limit=2`, auth);
  const token = new URL(page.headers.get('next-page') ?? 'http://x/').searchParams.get('_token') ?? '';
  const figures: FuzzFigures = { sent: 0, statuses: new Map(), problems: [] };
  const requests = fuzzRequests(options.seed, options.count, { records, ids, token, auth });
  for (const [index, request] of requests.entries()) {
    const body = request.body === undefined ? undefined : new TextEncoder().encode(request.body);
    const answer: RawAnswer = await exchange({
      host: '127.0.0.1',
      port,
      head: requestHead(
        request.method,
        request.target,
        `127.0.0.1:${port}`,
        request.headers,
        body ? { length: body.length, chunked: false } : undefined,
      ),
      chunks: body ? plainFrames(body) : [],
      deadlineMs: 30_000,
    });
    figures.sent++;
    const cell = answer.kind === 'answer' ? String(answer.status) : answer.kind;
    figures.statuses.set(cell, (figures.statuses.get(cell) ?? 0) + 1);
    if (answer.kind !== 'answer' || answer.status >= 500) {
      const got = answer.kind === 'answer' ? `${answer.status} ${answer.text.slice(0, 200)}` : answer.kind;
      figures.problems.push(
        `#${index} (${request.kind}) ${request.method} ${request.target.slice(0, 200)} → ${got}`,
      );
    }
  }
  return figures;
}
