import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hmacSha256Hex } from './hmac.ts';

/** The same HMAC through Web Crypto (what the policies used before), for comparison. */
async function webCryptoHmac(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const raw = secret === '' ? new Uint8Array(1) : encoder.encode(secret);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('hmacSha256Hex', () => {
  it('matches RFC 4231 test case 2', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gives the values Web Crypto gave: empty, long (> block size) and non-ASCII secrets and messages', async () => {
    const cases: [string, string][] = [
      ['', 'alice:s3cr3t'],
      ['k'.repeat(100), 'accounts:alice:verified'],
      ['sécret ✓', 'usér:pässwörd 🔑'],
      ['secret', ''],
    ];
    for (const [secret, message] of cases) {
      expect(await hmacSha256Hex(secret, message), `${secret} / ${message}`).toBe(
        await webCryptoHmac(secret, message),
      );
    }
  });

  it('constantTimeEqual compares whole strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
