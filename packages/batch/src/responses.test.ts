import { BackendError, IntegrityError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { batchApp } from './testing.ts';

const create = (title: string, fail?: string) => ({
  method: 'POST',
  path: '/notes',
  body: { data: { title, ...(fail ? { fail } : {}) } },
});

/** `true` when `text` (a batch response body) reports any success. */
function reportsSuccess(body: unknown): boolean {
  const responses = (body as { responses?: { status: number }[] }).responses ?? [];
  return responses.some((response) => response.status < 400);
}

describe('batch responses', () => {
  it('F-BATCH-03 one {status, path, headers, body} per request, in order', async () => {
    const { batch } = batchApp();
    const response = await batch({
      requests: [create('a'), { path: '/notes' }, { method: 'HEAD', path: '/notes' }, { path: '/text' }],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const { responses } = await response.json();
    const [created, list, head, text] = responses;
    expect(Object.keys(created).sort()).toEqual(['body', 'headers', 'path', 'status']);
    expect(created.status).toBe(201);
    expect(created.path).toBe('/v1/notes');
    expect(created.body.data.title).toBe('a');
    expect(created.headers['Content-Type']).toMatch(/^application\/json/);
    expect(created.headers.ETag).toBe(`"${created.body.data.last_modified}"`);
    expect(list.body.data).toEqual([created.body.data]);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['Total-Objects']).toBe('1');
    expect(text.body).toBe('plain words');
  });

  it('F-BATCH-03 the list is the JSON serialization of the subresponses, bodies written as parsed', async () => {
    const { batch } = batchApp();
    const response = await batch({
      requests: [create('é "quoted" \u2028'), { path: '/notes' }, { path: '/text' }, { path: '/nowhere' }],
    });
    const text = await response.text();
    const parsed = JSON.parse(text) as { responses: { status: number; body: unknown }[] };
    expect(parsed.responses.map((subresponse) => subresponse.status)).toEqual([201, 200, 200, 404]);
    expect(JSON.stringify(parsed)).toBe(text);
    for (const subresponse of parsed.responses) {
      expect(Object.keys(subresponse)).toEqual(['status', 'path', 'headers', 'body']);
    }
  });

  it('F-BATCH-03 4xx subresponses are kept in the JSON error format and roll nothing back', async () => {
    const { batch, stored } = batchApp();
    const put = {
      method: 'PUT',
      path: '/notes/n1/tags/t',
      headers: { 'If-None-Match': '*' },
      body: { data: {} },
    };
    const response = await batch({ requests: [create('a'), put, put, { path: '/unknown' }, create('b')] });
    const { responses } = await response.json();
    expect(response.status).toBe(200);
    expect(responses.map((r: { status: number }) => r.status)).toEqual([201, 201, 412, 404, 201]);
    expect(responses[2].body).toMatchObject({ code: 412, errno: 114, error: 'Precondition Failed' });
    expect(responses[3].body).toMatchObject({ code: 404, errno: 111 });
    expect((await stored()).map((note) => note.title).sort()).toEqual(['a', 'b']);
  });

  it('F-BATCH-03 a 409 subrequest rolls the whole batch back and no rolled-back write is reported', async () => {
    const { batch, stored, events } = batchApp();
    const response = await batch({
      requests: [create('a'), create('b'), create('conflicting', 'conflict'), create('never')],
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('Retry-After')).toBe('7');
    const body = await response.json();
    expect(body).toMatchObject({
      code: 409,
      errno: 122,
      message: 'Integrity constraint violated, please retry.',
    });
    expect(reportsSuccess(body)).toBe(false);
    expect(await stored()).toEqual([]);
    expect(events).toEqual([]);
    // The backends are usable afterwards, and an innocent batch commits.
    const ok = await batch({ requests: [create('c')] });
    expect(ok.status).toBe(200);
    expect((await stored()).map((note) => note.title)).toEqual(['c']);
  });

  it('F-BATCH-03 a 5xx subrequest fails the whole batch with that error and rolls it back', async () => {
    const reported: unknown[] = [];
    const { batch, stored, events } = batchApp({ reportError: (error) => reported.push(error) });
    const crash = await batch({ requests: [create('a'), create('boom', 'crash'), create('never')] });
    expect(crash.status).toBe(500);
    const crashBody = await crash.json();
    expect(crashBody).toMatchObject({ code: 500, errno: 999 });
    expect(reportsSuccess(crashBody)).toBe(false);
    expect(reported).toHaveLength(1);

    const down = await batch({ requests: [create('a'), create('down', 'backend')] });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ code: 503, errno: 201 });
    expect(down.headers.get('Retry-After')).not.toBeNull();
    expect(await stored()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('F-BATCH-03 a transaction failing at commit fails the whole batch: no 2xx, nothing persisted', async () => {
    let failure: Error | undefined = new BackendError('commit failed');
    const { batch, stored, events } = batchApp({ failCommit: () => failure });
    const response = await batch({ requests: [create('a'), create('b')] });
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ code: 503, errno: 201 });
    expect(reportsSuccess(body)).toBe(false);
    expect(await stored()).toEqual([]);
    expect(events.filter((event) => event.type === 'AfterResourceChanged')).toEqual([]);
    // A conflict detected at commit (e.g. a serialisation failure) is a 409 for the whole batch.
    failure = new IntegrityError();
    const conflict = await batch({ requests: [create('a'), create('b')] });
    expect(conflict.status).toBe(409);
    expect(reportsSuccess(await conflict.json())).toBe(false);
    expect(await stored()).toEqual([]);
    failure = undefined;
    expect((await batch({ requests: [create('c')] })).status).toBe(200);
    expect((await stored()).map((note) => note.title)).toEqual(['c']);
  });

  it('F-BATCH-03 concurrent batches each commit or fail whole, never interleaved', async () => {
    const { batch, stored } = batchApp();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, b) =>
        batch({
          requests: Array.from({ length: 5 }, (_, i) =>
            create(`${b}.${i}`, b % 2 && i === 4 ? 'conflict' : ''),
          ),
        }),
      ),
    );
    expect(results.map((response) => response.status)).toEqual([200, 409, 200, 409, 200, 409]);
    const titles = (await stored()).map((note) => String(note.title));
    expect(titles.sort()).toEqual(
      ['0', '2', '4'].flatMap((b) => Array.from({ length: 5 }, (_, i) => `${b}.${i}`)).sort(),
    );
  });

  it('F-BATCH-03 a failing ResourceChanged listener fails the batch and rolls it back', async () => {
    const { batch, stored } = batchApp({ failingListener: true });
    const response = await batch({ requests: [create('a'), create('b')] });
    expect(response.status).toBe(500);
    expect(reportsSuccess(await response.json())).toBe(false);
    expect(await stored()).toEqual([]);
  });
});
