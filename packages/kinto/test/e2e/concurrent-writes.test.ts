import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/node/start-server.ts';
import { createAccount, startServer } from './helpers.ts';

// Many clients writing one object at once over HTTP (issue: lost updates on PostgreSQL). Runs on
// memory in the `kinto` project and on PostgreSQL + Redis in `kinto-on-postgres`.

const CLIENTS = 100;

let server: RunningServer;
let url: string;
let auth: string;

beforeAll(async () => {
  server = await startServer();
  url = server.url;
  auth = await createAccount(url, 'writer', 'pw');
  await send('PUT', 'buckets/race');
  await send('PUT', 'buckets/race/collections/c');
});

afterAll(async () => {
  await server?.close();
});

interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
  readonly json: any;
}

async function send(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      Authorization: auth,
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const all = <T>(make: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: CLIENTS }, (_, index) => make(index)));

const statuses = (answers: readonly Answer[]) => {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

async function freshRecord(id: string, data: Record<string, unknown> = {}): Promise<string> {
  const path = `buckets/race/collections/c/records/${id}`;
  const created = await send('PUT', path, { body: { data } });
  expect(created.status).toBe(201);
  return path;
}

const fields = (index: number) => `f${index}`;

function expectEveryField(data: Record<string, unknown>): void {
  const missing = Array.from({ length: CLIENTS }, (_, index) => fields(index)).filter(
    (name) => data[name] === undefined,
  );
  expect(missing, 'fields of acknowledged PATCHes missing from the record').toEqual([]);
}

describe('concurrent writes to one record lose nothing and admit one precondition winner', () => {
  it('F-MTH-07 100 concurrent PATCH merges: every acknowledged field is stored', async () => {
    const path = await freshRecord('merge', { base: 1 });
    const answers = await all((index) => send('PATCH', path, { body: { data: { [fields(index)]: index } } }));
    expect(statuses(answers)).toEqual({ 200: CLIENTS });
    const stored = (await send('GET', path)).json.data;
    expectEveryField(stored);
    expect(stored.base).toBe(1);
  });

  it('F-MTH-07 100 concurrent JSON-Patch `add` operations: every acknowledged field is stored', async () => {
    const path = await freshRecord('json-patch');
    const answers = await all((index) =>
      send('PATCH', path, {
        body: [{ op: 'add', path: `/data/${fields(index)}`, value: index }],
        headers: { 'Content-Type': 'application/json-patch+json' },
      }),
    );
    expect(statuses(answers)).toEqual({ 200: CLIENTS });
    expectEveryField((await send('GET', path)).json.data);
  });

  it('F-MTH-07 100 concurrent merge-patches of one nested object: every acknowledged key is stored', async () => {
    const path = await freshRecord('merge-patch', { nested: {} });
    const answers = await all((index) =>
      send('PATCH', path, {
        body: { data: { nested: { [fields(index)]: index } } },
        headers: { 'Content-Type': 'application/merge-patch+json' },
      }),
    );
    expect(statuses(answers)).toEqual({ 200: CLIENTS });
    expectEveryField((await send('GET', path)).json.data.nested);
  });

  it('F-TS-05 100 concurrent PATCHes with the same If-Match: one 200, the others 412, one field stored', async () => {
    const path = await freshRecord('if-match');
    const etag = `"${(await send('GET', path)).json.data.last_modified}"`;
    const answers = await all((index) =>
      send('PATCH', path, { body: { data: { [fields(index)]: index } }, headers: { 'If-Match': etag } }),
    );
    expect(statuses(answers)).toEqual({ 200: 1, 412: CLIENTS - 1 });
    const winner = answers.findIndex((answer) => answer.status === 200);
    const stored = (await send('GET', path)).json.data;
    expect(Object.keys(stored).filter((key) => key.startsWith('f'))).toEqual([fields(winner)]);
  });

  it('F-TS-05 100 concurrent PUTs with If-None-Match: * of a new id: one 201, the others 412', async () => {
    const path = 'buckets/race/collections/c/records/claimed';
    const answers = await all((index) =>
      send('PUT', path, { body: { data: { owner: index } }, headers: { 'If-None-Match': '*' } }),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 412: CLIENTS - 1 });
    const winner = answers.findIndex((answer) => answer.status === 201);
    expect((await send('GET', path)).json.data.owner).toBe(winner);
  });

  it('F-MTH-08 F-TS-05 100 concurrent DELETEs with the same If-Match: exactly one succeeds', async () => {
    const path = await freshRecord('doomed');
    const etag = `"${(await send('GET', path)).json.data.last_modified}"`;
    const answers = await all(() => send('DELETE', path, { headers: { 'If-Match': etag } }));
    const counts = statuses(answers);
    expect(counts[200]).toBe(1);
    expect((counts[404] ?? 0) + (counts[412] ?? 0)).toBe(CLIENTS - 1);
  });

  it('F-MTH-04 F-TS-05 concurrent plural DELETEs with the same If-Match: exactly one succeeds', async () => {
    await send('PUT', 'buckets/race/collections/plural');
    const list = 'buckets/race/collections/plural/records';
    for (let index = 0; index < 5; index++) await send('POST', list, { body: { data: { index } } });
    const etag = `"${(await send('GET', list)).json.data[0].last_modified}"`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => send('DELETE', list, { headers: { 'If-Match': etag } })),
    );
    expect(statuses(answers)).toEqual({ 200: 1, 412: 19 });
  });

  it('F-BATCH-01 F-MTH-07 100 concurrent batches patching one record: every acknowledged field is stored', async () => {
    const path = await freshRecord('in-batches');
    const answers = await all((index) =>
      send('POST', 'batch', {
        body: {
          requests: [
            { method: 'PATCH', path: `/${path}`, body: { data: { [fields(index)]: index } } },
            { method: 'PATCH', path: `/${path}`, body: { data: { [`again${index}`]: true } } },
          ],
        },
      }),
    );
    expect(statuses(answers), JSON.stringify(answers[0]?.json)).toEqual({ 200: CLIENTS });
    for (const answer of answers)
      expect(answer.json.responses.map((r: Answer) => r.status)).toEqual([200, 200]);
    const stored = (await send('GET', path)).json.data;
    expectEveryField(stored);
    for (let index = 0; index < CLIENTS; index++) expect(stored[`again${index}`]).toBe(true);
  });

  it('F-PERM-02 F-MTH-07 100 concurrent permission grants by JSON-Patch: every principal is kept', async () => {
    const path = await freshRecord('shared');
    const answers = await all((index) =>
      send('PATCH', path, {
        body: [{ op: 'add', path: `/permissions/read/account:reader${index}` }],
        headers: { 'Content-Type': 'application/json-patch+json' },
      }),
    );
    expect(statuses(answers)).toEqual({ 200: CLIENTS });
    const readers: string[] = (await send('GET', path)).json.permissions.read;
    expect([...readers].sort()).toEqual(
      Array.from({ length: CLIENTS }, (_, index) => `account:reader${index}`).sort(),
    );
  });

  it('F-KIN-DEF-02 concurrent first writes to a new default bucket are all created (implicit creation never 409s)', async () => {
    const owner = await createAccount(url, 'newcomer', 'pw');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        fetch(`${url}buckets/default/collections/tasks/records`, {
          method: 'POST',
          headers: { Authorization: owner, 'Content-Type': 'application/json' },
          body: JSON.stringify({ data: { index } }),
        }).then((response) => ({ status: response.status, json: undefined })),
      ),
    );
    expect(statuses(answers)).toEqual({ 201: 20 });
  });
});
