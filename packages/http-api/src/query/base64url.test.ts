import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

describe('base64url', () => {
  it('F-PAG-02 round-trips every length and byte value', () => {
    for (let length = 0; length < 70; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length) % 256);
      const text = encodeBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      const reference = btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_');
      expect(text).toBe(reference.replace(/=+$/, ''));
      expect(decodeBase64Url(text)).toEqual(bytes);
    }
    const large = new Uint8Array(100_000).fill(255);
    expect(decodeBase64Url(encodeBase64Url(large))).toEqual(large);
  });

  it('F-PAG-02 refuses foreign characters, impossible lengths and non-canonical spellings', () => {
    expect(() => decodeBase64Url('ab+/')).toThrow(TypeError);
    expect(() => decodeBase64Url('abc=')).toThrow(TypeError);
    expect(() => decodeBase64Url('abcde')).toThrow(TypeError);
    expect(encodeBase64Url(new Uint8Array([0]))).toBe('AA');
    expect(() => decodeBase64Url('AB')).toThrow(TypeError);
  });
});
