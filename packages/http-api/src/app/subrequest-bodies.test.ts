import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from '../body/read-json-body.ts';
import { rememberJsonTexts, responseText, textBodyRequest } from './subrequest-bodies.ts';

const URL_ = 'http://x/v1/things';
const JSON_TYPE = 'application/json; charset=utf-8';

function pair(text: string, headers: Record<string, string> = {}) {
  const init = { method: 'POST', headers: new Headers({ 'Content-Type': JSON_TYPE, ...headers }) };
  return {
    known: textBodyRequest(URL_, init, text),
    streamed: new Request(URL_, { ...init, body: text }),
  };
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: JSON.stringify(error) }),
  );
}

describe('TextBodyRequest', () => {
  it('reads as a request built with the same string body', async () => {
    for (const text of ['{"data":{"title":"é€😀"}}', '{"a":"\ud800"}', '', '  ', '{"a":']) {
      const { known, streamed } = pair(text);
      expect(await known.text()).toBe(await streamed.clone().text());
      expect(new Uint8Array(await known.arrayBuffer())).toEqual(
        new Uint8Array(await streamed.clone().arrayBuffer()),
      );
      expect(await new Response(known.body).text()).toBe(await streamed.clone().text());
      expect(await known.clone().text()).toBe(await streamed.clone().text());
      expect(known.method).toBe('POST');
      expect(known.url).toBe(streamed.url);
      expect(known.headers.get('Content-Type')).toBe(JSON_TYPE);
      expect(await known.blob().then((blob) => blob.type)).toBe(
        await streamed
          .clone()
          .blob()
          .then((blob) => blob.type),
      );
    }
  });

  it('is a Request, and answers what it does not hold from the real one', async () => {
    const known = textBodyRequest('http://x/v1/a/../things?q=1', { method: 'GET', headers: new Headers() });
    expect(known).toBeInstanceOf(Request);
    expect(known.url).toBe('http://x/v1/things?q=1');
    expect(known.body).toBeNull();
    expect(await known.text()).toBe('');
    expect(known.signal.aborted).toBe(false);
    expect(known.mode).toBe(new Request('http://x/').mode);
    expect(known.clone().url).toBe(known.url);
  });

  it('F-RES-02 gives readJsonBody the same bodies and refusals as a streamed body', async () => {
    const cases: [string, Record<string, string>, number | undefined][] = [
      ['{"data":{"title":"é€😀"}}', {}, undefined],
      ['{"a":"\ud800"}', {}, undefined],
      ['', {}, undefined],
      ['{"a":', {}, undefined],
      ['{"a":"ééééé"}', {}, 12],
      ['{"a":"ééééé"}', {}, 17],
      ['{"a":"ééééé"}', {}, 18],
      ['{}', { 'Content-Length': '100' }, 10],
    ];
    for (const [text, headers, maxBytes] of cases) {
      const { known, streamed } = pair(text, headers);
      const options = maxBytes === undefined ? {} : { maxBytes };
      expect(await outcome(readJsonBody(known, 'POST', options))).toEqual(
        await outcome(readJsonBody(streamed, 'POST', options)),
      );
    }
  });
});

describe('rememberJsonTexts', () => {
  it("answers as Hono's c.json and gives its text to responseText", async () => {
    const body = { data: { id: 'a', n: 1.5, s: 'é\u2028' }, permissions: { write: ['x'] } };
    const app = new Hono();
    app.get('/plain', (c) => c.json(body, 201, { ETag: '"1"' }));
    app.get('/remembered', (c) => {
      rememberJsonTexts(c);
      return c.json(body, 201, { ETag: '"1"' });
    });
    const plain = await app.request('/plain');
    const remembered = await app.request('/remembered');
    expect(remembered.status).toBe(plain.status);
    expect([...remembered.headers]).toEqual([...plain.headers]);
    expect(await responseText(remembered)).toBe(await plain.clone().text());
    expect(await responseText(plain)).toBe(JSON.stringify(body));
  });
});
