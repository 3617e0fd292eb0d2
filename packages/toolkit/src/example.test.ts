import { describe, expect, it, vi } from 'vitest';

const served = vi.hoisted(() => ({
  options: undefined as undefined | { fetch: (request: Request) => Promise<Response> },
}));
vi.mock('@hono/node-server', () => ({
  serve: (options: { fetch: (request: Request) => Promise<Response> }) => {
    served.options = options;
  },
}));

describe('the README example (examples/bookmarks.ts)', () => {
  it('F-TK-RES-01 serves bookmarks with validation, CORS for the configured origin and pagination', async () => {
    await import('../examples/bookmarks.ts');
    const fetch = served.options!.fetch;
    const post = (data: unknown) =>
      fetch(
        new Request('http://localhost:8888/v1/folders/work/bookmarks', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: 'https://app.example' },
          body: JSON.stringify({ data }),
        }),
      );
    const created = await post({ url: 'https://kinto.readthedocs.io' });
    expect(created.status).toBe(201);
    expect(created.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example');
    expect((await created.json()).data).toMatchObject({ url: 'https://kinto.readthedocs.io', title: '' });
    expect((await post({ url: 'not a url' })).status).toBe(400);
    const hello = await (await fetch(new Request('http://localhost:8888/v1/'))).json();
    expect(hello.project_name).toBe('bookmarks');
  });
});
