import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneConnectionClient } from './client.ts';
import { measureInRounds, summarise } from './measure.ts';
import type { Probe } from './probes.ts';

// A real HTTP server answering `/a` and `/b` with a Server-Timing of 1 ms per request seen so far on
// that path, and `/broken` with a 500 from its third request on.
const seen: string[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    seen.push(path);
    const count = seen.filter((item) => item === path).length;
    response.statusCode = path === '/broken' && count >= 3 ? 500 : 200;
    response.setHeader('Server-Timing', `storage;dur=0.5, total;dur=${count}`);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const probe = (id: string): Probe => ({
  id,
  title: id,
  actor: 'anonymous',
  method: 'GET',
  target: { path: `/${id}` },
  expect: { kind: 'status', status: 200 },
});

describe('bench:scale rounds', () => {
  it('times the second of two requests per probe and round, after an untimed round, probes interleaved', async () => {
    const client = new OneConnectionClient(origin);
    const rounds: number[] = [];
    const planned = ['a', 'b', 'broken'].map((id) => ({ client, probe: probe(id), path: `/${id}` }));
    const [a, b, broken] = await measureInRounds(planned, 3, (round) => rounds.push(round));
    client.close();
    // Warm-up round: a a b b broken broken; then per round a a b b (broken answered 500 on its 3rd).
    expect(seen.slice(0, 8)).toEqual(['/a', '/a', '/b', '/b', '/broken', '/broken', '/a', '/a']);
    expect(seen.filter((path) => path === '/broken')).toHaveLength(3);
    // Timed: requests 4, 6 and 8 of each path; the median is the 6th.
    expect(a).toEqual({ times: expect.objectContaining({ server: { storage: 0.5, total: 6 } }) });
    expect(b).toEqual({ times: expect.objectContaining({ server: { storage: 0.5, total: 6 } }) });
    expect(broken).toEqual({ problem: expect.stringMatching(/^answered 500/) });
    expect(rounds).toEqual([1, 2, 3]);
  });

  it('counts a span a request did not report as 0 in its median', () => {
    const response = (timing: string, wallMs: number) => ({
      status: 200,
      headers: { 'server-timing': timing },
      body: '',
      wallMs,
    });
    const times = summarise([
      response('total;dur=3', 5),
      response('permission;dur=1, total;dur=4', 6),
      response('permission;dur=2, total;dur=5', 9),
    ]);
    expect(times).toEqual({ wall: { median: 6, min: 5, p90: 9 }, server: { total: 4, permission: 1 } });
  });
});
