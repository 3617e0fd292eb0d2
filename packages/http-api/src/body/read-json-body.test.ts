import { type HttpError, isCoreError } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json-body.ts';

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isCoreError(error, 'HTTP_ERROR')) throw new Error(`expected an HttpError, got ${String(error)}`);
  return error as HttpError;
}

function request(body: BodyInit | null, contentType?: string, headers: Record<string, string> = {}) {
  return new Request('http://x/v1/things', {
    method: 'POST',
    body,
    headers: contentType === undefined ? headers : { 'Content-Type': contentType, ...headers },
  });
}

describe('readJsonBody', () => {
  it('F-RES-02 parses application/json, with or without charset, any case', async () => {
    expect(await readJsonBody(request('{"data":{"a":1}}', 'application/json'), 'POST')).toEqual({
      contentType: 'json',
      body: { data: { a: 1 } },
    });
    const withCharset = await readJsonBody(request('[1]', 'Application/JSON; charset=utf-8'), 'PUT');
    expect(withCharset).toEqual({ contentType: 'json', body: [1] });
  });

  it('F-RES-02 PATCH also accepts merge-patch and json-patch', async () => {
    const merge = await readJsonBody(request('{}', 'application/merge-patch+json'), 'PATCH');
    expect(merge.contentType).toBe('merge-patch');
    const patch = await readJsonBody(request('[]', 'application/json-patch+json'), 'PATCH');
    expect(patch).toEqual({ contentType: 'json-patch', body: [] });
  });

  it('F-RES-02 other content types → 415 listing the accepted types of the method', async () => {
    const post = await rejection(readJsonBody(request('{}', 'text/plain'), 'POST'));
    expect(post.status).toBe(415);
    expect(post.errno).toBe(107);
    expect(post.message).toBe("Content-Type header should be one of ['application/json']");
    const mergeOnPut = await rejection(readJsonBody(request('{}', 'application/merge-patch+json'), 'PUT'));
    expect(mergeOnPut.status).toBe(415);
    const patch = await rejection(readJsonBody(request('{}', 'application/xml'), 'PATCH'));
    expect(patch.message).toBe(
      "Content-Type header should be one of ['application/json', 'application/merge-patch+json', 'application/json-patch+json']",
    );
  });

  it('F-RES-02 empty body without Content-Type is accepted; a non-empty one is 415', async () => {
    expect(await readJsonBody(request(null), 'PUT')).toEqual({ contentType: 'json', body: undefined });
    expect(await readJsonBody(request(new Uint8Array(0)), 'POST')).toEqual({
      contentType: 'json',
      body: undefined,
    });
    const error = await rejection(readJsonBody(request(new TextEncoder().encode('{"data":{}}')), 'POST'));
    expect(error.status).toBe(415);
  });

  it('F-RES-02 empty body with a JSON content type gives undefined', async () => {
    expect(await readJsonBody(request('', 'application/json'), 'POST')).toEqual({
      contentType: 'json',
      body: undefined,
    });
    expect((await readJsonBody(request('  \n', 'application/merge-patch+json'), 'PATCH')).body).toBe(
      undefined,
    );
  });

  it('F-RES-02 invalid JSON → 400 errno 107 "Invalid JSON: …" with a body detail', async () => {
    const error = await rejection(readJsonBody(request('{"data": ', 'application/json'), 'POST'));
    expect(error.status).toBe(400);
    expect(error.errno).toBe(107);
    expect(error.error).toBe('Invalid parameters');
    expect(error.message.startsWith('Invalid JSON: ')).toBe(true);
    expect(error.details).toEqual([{ location: 'body', name: '', description: error.message }]);
  });

  it('F-RES-02 invalid UTF-8 → 400', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const error = await rejection(readJsonBody(request(bytes, 'application/json'), 'POST'));
    expect(error.status).toBe(400);
    expect(error.message).toContain('UTF-8');
  });

  it('F-RES-02 bodies over maxBytes → 413 errno 113, whether Content-Length says so or not', async () => {
    const big = `{"data":{"a":"${'x'.repeat(200)}"}}`;
    const declared = await rejection(
      readJsonBody(request(big, 'application/json', { 'Content-Length': String(big.length) }), 'POST', {
        maxBytes: 100,
      }),
    );
    expect(declared.status).toBe(413);
    expect(declared.toBody()).toMatchObject({ code: 413, errno: 113, error: 'Request Entity Too Large' });
    expect(declared.message).toContain('100 bytes');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('          '));
        controller.close();
      },
    });
    const streamed = await rejection(
      readJsonBody(
        new Request('http://x/', {
          method: 'POST',
          body: stream,
          headers: { 'Content-Type': 'application/json' },
          duplex: 'half',
        } as RequestInit),
        'POST',
        { maxBytes: 50 },
      ),
    );
    expect(streamed.status).toBe(413);
    expect(await readJsonBody(request(big, 'application/json'), 'POST', { maxBytes: 1000 })).toMatchObject({
      body: { data: { a: 'x'.repeat(200) } },
    });
  });

  it('F-RES-02 415 is raised before the body is read', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error('must not be read');
      },
    });
    const error = await rejection(
      readJsonBody(
        new Request('http://x/', {
          method: 'POST',
          body: stream,
          headers: { 'Content-Type': 'text/csv' },
          duplex: 'half',
        } as RequestInit),
        'POST',
      ),
    );
    expect(error.status).toBe(415);
  });

  it('F-RES-02 DELETE bodies are ignored', async () => {
    const deleteRequest = new Request('http://x/', {
      method: 'DELETE',
      body: 'garbage',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(await readJsonBody(deleteRequest, 'DELETE')).toEqual({ contentType: 'json', body: undefined });
  });

  it('F-RES-02 a __proto__ key stays a plain key', async () => {
    const { body } = await readJsonBody(request('{"__proto__":{"x":1}}', 'application/json'), 'POST');
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body as object)).toEqual(['__proto__']);
  });
});
