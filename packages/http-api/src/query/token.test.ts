import { type HttpError, isCoreError } from '@core/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeToken,
  encodeToken,
  generateTokenKey,
  importTokenKey,
  MAX_TOKEN_LENGTH,
  type TokenKey,
  type TokenPayload,
} from './token.ts';
import { tokenScope } from './token-scope.ts';

let key: TokenKey;
let otherKey: TokenKey;
const SCOPE = 'scope-a';
const PAYLOAD: TokenPayload = {
  after: { title: 'Ünïcode ✓', 'author.age': 42, last_modified: 1_700_000_000_000, id: 'abc' },
  offset: 20,
  nonce: 'pagination-token-1',
  scope: SCOPE,
};

beforeAll(async () => {
  key = await importTokenKey('secret');
  otherKey = await importTokenKey('another secret');
});

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (isCoreError(error, 'HTTP_ERROR')) return error as HttpError;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

async function expectInvalid(token: string, scope = SCOPE, withKey = key): Promise<void> {
  const error = await refusal(decodeToken(token, withKey, scope));
  expect(error.status).toBe(400);
  expect(error.errno).toBe(107);
  expect(error.details).toEqual([
    { location: 'querystring', name: '_token', description: '_token has invalid content' },
  ]);
}

describe('pagination tokens (§9.2)', () => {
  it('F-PAG-02 round-trips the payload', async () => {
    const token = await encodeToken(PAYLOAD, key);
    expect(await decodeToken(token, key, SCOPE)).toEqual(PAYLOAD);
    const withoutNonce = { after: {}, offset: 0, scope: SCOPE };
    expect(await decodeToken(await encodeToken(withoutNonce, key), key, SCOPE)).toEqual(withoutNonce);
  });

  it('F-PAG-02 tokens are URL-safe, versioned and opaque', async () => {
    const token = await encodeToken(PAYLOAD, key);
    expect(token).toMatch(/^t1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token).not.toContain(SCOPE);
  });

  it('F-PAG-02 a token of another key or scope is refused (LESSONS §18)', async () => {
    const token = await encodeToken(PAYLOAD, key);
    await expectInvalid(token, 'scope-b');
    await expectInvalid(token, SCOPE, otherKey);
    await expectInvalid(await encodeToken(PAYLOAD, await generateTokenKey()));
  });

  it('F-PAG-02 a re-signed body cannot be swapped into another token', async () => {
    const [, bodyA] = (await encodeToken(PAYLOAD, key)).split('.');
    const [, , signatureB] = (await encodeToken({ ...PAYLOAD, offset: 0 }, key)).split('.');
    await expectInvalid(`t1.${bodyA}.${signatureB}`);
  });

  it.each([
    ['empty', ''],
    ['Kinto base64 JSON', btoa(JSON.stringify({ last_object: {}, offset: 0, nonce: 'x' }))],
    ['unknown version', 't2.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['missing signature', 't1.e30'],
    ['bad alphabet', 't1.e3+.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['impossible base64 length', 't1.e.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['padding', 't1.e30=.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['oversized', `t1.${'A'.repeat(MAX_TOKEN_LENGTH)}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`],
  ])('F-PAG-02 refuses a %s token with the 400', async (_label, token) => {
    await expectInvalid(token);
  });

  it('F-PAG-02 refuses a signature spelled with non-zero unused trailing bits', async () => {
    const token = await encodeToken(PAYLOAD, key);
    const last = token.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] as string;
    await expectInvalid(token.slice(0, -1) + sibling);
  });

  it('F-PAG-02 refuses well-signed but malformed payloads', async () => {
    const sign = async (content: string) => {
      const body = btoa(content).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      // Signed with Web Crypto: the tokens are plain HMAC-SHA256 under the secret.
      const webKey = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode('secret'),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const signature = await crypto.subtle.sign(
        'HMAC',
        webKey,
        new TextEncoder().encode(`t1.${body}.${SCOPE}`),
      );
      const sig = btoa(String.fromCharCode(...new Uint8Array(signature)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      return `t1.${body}.${sig}`;
    };
    expect(await decodeToken(await sign('{"a":{},"o":3}'), key, SCOPE)).toEqual({
      after: {},
      offset: 3,
      scope: SCOPE,
    });
    for (const content of [
      '[]',
      'null',
      '{',
      '{"a":[],"o":0}',
      '{"a":{},"o":-1}',
      '{"a":{},"o":1.5}',
      '{"a":{}}',
      '{"a":{},"o":0,"n":1}',
      '\xff',
    ]) {
      await expectInvalid(await sign(content));
    }
  });

  it('F-PAG-02 fuzz: random, truncated and bit-flipped tokens always give the 400', async () => {
    const token = await encodeToken(PAYLOAD, key);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/%\u0000é';
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const candidates: string[] = [];
    for (let length = 0; length < token.length; length += 1) candidates.push(token.slice(0, length));
    for (let index = 0; index < token.length; index += 1) {
      const flipped = String.fromCharCode(token.charCodeAt(index) ^ (1 << Math.floor(next() * 7)));
      candidates.push(token.slice(0, index) + flipped + token.slice(index + 1));
    }
    for (let run = 0; run < 300; run += 1) {
      const length = Math.floor(next() * 200);
      let text = next() < 0.5 ? 't1.' : '';
      for (let index = 0; index < length; index += 1) text += alphabet[Math.floor(next() * alphabet.length)];
      candidates.push(text);
    }
    candidates.push(`${token}A`, `${token}.`, token.replace('t1.', 't1..'));
    for (const candidate of candidates) {
      if (candidate === token) continue;
      await expectInvalid(candidate);
    }
  });

  it('F-PAG-02 never mints a token it would refuse', async () => {
    const huge = { after: { title: 'x'.repeat(MAX_TOKEN_LENGTH) }, offset: 0, scope: SCOPE };
    await expect(encodeToken(huge, key)).rejects.toThrow(RangeError);
  });

  it('F-PAG-02 an empty secret is refused rather than signing with an empty key', async () => {
    await expect(importTokenKey('')).rejects.toThrow(TypeError);
  });
});

describe('tokenScope', () => {
  const base = {
    resource: 'record',
    parent: '/buckets/b/collections/a',
    filters: [
      { field: 'a', operator: 'eq', value: { x: 1, y: 2 } },
      { field: 'b', operator: 'gt', value: 3 },
    ] as const,
    sort: [{ field: 'last_modified', direction: 'desc' }] as const,
  };

  it('F-PAG-02 is short and stable', async () => {
    const scope = await tokenScope(base);
    expect(scope).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await tokenScope(base)).toBe(scope);
  });

  it('F-PAG-02 ignores filter order and object key order (same query)', async () => {
    const reordered = {
      ...base,
      filters: [
        { field: 'b', operator: 'gt', value: 3 },
        { field: 'a', operator: 'eq', value: { y: 2, x: 1 } },
      ] as const,
    };
    expect(await tokenScope(reordered)).toBe(await tokenScope(base));
  });

  it('F-PAG-02 differs for another list, parent, filter or sort (LESSONS §18)', async () => {
    const scope = await tokenScope(base);
    const variants = [
      { ...base, resource: 'collection' },
      { ...base, parent: '/buckets/b/collections/b' },
      { ...base, filters: [] },
      { ...base, filters: [{ field: 'b', operator: 'gt', value: '3' }] as const },
      { ...base, sort: [{ field: 'last_modified', direction: 'asc' }] as const },
      { ...base, sort: [] },
    ];
    for (const variant of variants) expect(await tokenScope(variant)).not.toBe(scope);
  });
});
