import { describe, expect, it } from 'vitest';
import { prng } from '../testing/prng.ts';
import { testApp } from './testing.ts';

const ID = '6e3a3f5e-8b7d-4a39-9d44-0123456789ab';
const PATHS = [
  '/v1/mushrooms',
  `/v1/mushrooms/${ID}`,
  `/v1/mushrooms/${ID}/spores`,
  `/v1/mushrooms/${ID}/spores/abc`,
  '/v1/things',
  '/v1/things/x',
  '/v1/',
  '/v1/__heartbeat__',
  '/mushrooms',
  '/v2/mushrooms',
  '/v1/mushrooms/',
  '/v1/%82%AC',
  '/v1/mushrooms/%00',
  '/v1/mushrooms/..%2F..',
];
const KEYS = [
  '_since',
  '_before',
  '_to',
  '_limit',
  '_sort',
  '_fields',
  '_token',
  'n',
  'name',
  'in_n',
  'exclude_id',
  'like_name',
  'has_x',
  'contains_tags',
  'contains_any_tags',
  'gt_last_modified',
  'in_last_modified',
  'eq_id',
  'min_a.b',
  'not_',
  'lt_',
  'x.y.z',
  'in_id',
  'last_modified',
  'contains_id',
];
const VALUES = [
  '',
  '0',
  '-1',
  '1.5',
  '1e400',
  '9223372036854775808',
  'null',
  'true',
  '"1"',
  '""',
  '[1,2]',
  '{"a":1}',
  '[',
  '%00',
  'abc',
  '*',
  'a,b,"c"',
  '"123',
  '\u{1F600}',
  'é',
  `${Date.now()}`,
  '"abc"',
  'eyJhIjoxfQ',
  't1.e30.xx',
  '-',
  '+',
];
const HEADERS: Record<string, readonly string[]> = {
  'If-Match': ['"1"', '*', 'abc', '"', 'W/"1"', '"99999999999999999999"'],
  'If-None-Match': ['"1"', '*', '', 'x'],
  'Content-Type': [
    'application/json',
    'text/plain',
    'application/merge-patch+json',
    'application/json-patch+json',
    '',
  ],
  Accept: ['application/json', 'text/html', '*/*', ''],
  'Response-Behavior': ['full', 'light', 'diff', 'x'],
  Origin: ['https://a.example', 'null'],
  Authorization: ['Bearer alice', 'Bearer bob', 'Basic x', ''],
  'Access-Control-Request-Method': ['GET', 'PUT', 'BREW'],
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function randomJson(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 5 : 8));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return Math.floor(random() * 2e6) - 1e6;
    case 3:
      return VALUES[Math.floor(random() * VALUES.length)];
    case 4:
      return random() * 1e20;
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let index = Math.floor(random() * 4); index > 0; index--) {
        object[KEYS[Math.floor(random() * KEYS.length)]!.replace(/^_/, '')] = randomJson(random, depth + 1);
      }
      return object;
    }
  }
}

function randomBody(random: () => number): string | undefined {
  const kind = Math.floor(random() * 7);
  if (kind === 0) return undefined;
  if (kind === 1) return '{"data": ';
  if (kind === 2) return JSON.stringify({ data: randomJson(random), permissions: randomJson(random) });
  if (kind === 3)
    return JSON.stringify([{ op: 'add', path: '/data/x', value: randomJson(random) }, randomJson(random)]);
  if (kind === 4) return JSON.stringify({ data: { id: VALUES[Math.floor(random() * VALUES.length)] } });
  if (kind === 5) return '\u00ff\u00fe';
  return JSON.stringify(randomJson(random));
}

describe('fuzzing the whole app', () => {
  it('F-ERR-01 3,000 random requests never get a 5xx, and every error is the JSON error format', async () => {
    const random = prng(20261126);
    const { app, call } = testApp();
    for (let index = 0; index < 5; index++)
      await call('POST', '/v1/mushrooms', { body: { data: { n: index } } });
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const statuses = new Map<number, number>();
    for (let round = 0; round < 3000; round++) {
      const params = new URLSearchParams();
      for (let index = Math.floor(random() * 4); index > 0; index--) params.append(pick(KEYS), pick(VALUES));
      const method = pick(METHODS);
      const headers: Record<string, string> = {};
      for (const [name, values] of Object.entries(HEADERS)) if (random() < 0.3) headers[name] = pick(values);
      const body = method === 'GET' || method === 'HEAD' ? undefined : randomBody(random);
      const url = `${pick(PATHS)}${params.size ? `?${params}` : ''}`;
      const response = await app.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
      const label = `${method} ${url} ${JSON.stringify(headers)} ${body ?? ''}`;
      expect(response.status, label).toBeLessThan(500);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 400 && method !== 'HEAD') {
        const error = await response.json();
        expect(error, label).toMatchObject({
          code: response.status,
          errno: expect.any(Number),
          error: expect.any(String),
        });
      }
    }
    // The random requests must reach the handlers, not only the early refusals.
    const seen = JSON.stringify([...statuses].sort((a, b) => a[0] - b[0]));
    for (const status of [200, 201, 307, 400, 404, 405, 406, 412, 415]) {
      expect(statuses.get(status) ?? 0, `${status} in ${seen}`).toBeGreaterThan(0);
    }
  }, 120_000);
});
