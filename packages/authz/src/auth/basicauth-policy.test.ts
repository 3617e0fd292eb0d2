import { describe, expect, it } from 'vitest';
import { basicUserId, kintoApp } from '../testing/kinto-app.ts';
import { parseBasicCredentials } from './basic-credentials.ts';
import { BASIC_CHALLENGE, createBasicAuthPolicy } from './basicauth-policy.ts';

const request = (authorization?: string) =>
  new Request('http://localhost/v1/', authorization ? { headers: { Authorization: authorization } } : {});

describe('basicauth policy', () => {
  it('F-AUTH-01 user id is the hex HMAC-SHA256 of user:pass (spec test vector)', async () => {
    const policy = createBasicAuthPolicy({ hmacSecret: '' });
    const identity = await policy.authenticate(request(`Basic ${btoa('mat:secret')}`));
    expect(`${policy.name}:${identity?.userId}`).toBe(
      'basicauth:8a931a10fc88ab2f6d1cc02a07d3a81b5d4768f6f13e85c5d8d4180419acb1b4',
    );
  });

  it('F-AUTH-01 the secret changes the id, the password too', async () => {
    const plain = createBasicAuthPolicy({ hmacSecret: '' });
    const salted = createBasicAuthPolicy({ hmacSecret: 'sesame' });
    const header = `Basic ${btoa('mat:secret')}`;
    const a = await plain.authenticate(request(header));
    const b = await salted.authenticate(request(header));
    const c = await plain.authenticate(request(`Basic ${btoa('mat:other')}`));
    expect(b?.userId).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([a?.userId, b?.userId, c?.userId]).size).toBe(3);
  });

  it('F-AUTH-01 malformed or missing credentials are anonymous, never an error', async () => {
    const policy = createBasicAuthPolicy({ hmacSecret: '' });
    for (const header of [
      undefined,
      'Bearer abc',
      'Basic',
      'Basic !!!notbase64',
      `Basic ${btoa('nocolon')}`,
      `Basic ${btoa(':emptyuser')}`,
      'Basic %%%',
      `Basic ${btoa('\xff\xfe:x')}`,
      `Basic ${btoa('a\u0000b:pw')}`, // NUL: no backend can store such a user id
      `Basic ${btoa('ab:p\u0000w')}`,
    ]) {
      await expect(policy.authenticate(request(header))).resolves.toBeNull();
    }
    expect(parseBasicCredentials(`basic ${btoa('a:b:c')}`)).toEqual({ username: 'a', password: 'b:c' });
    expect(parseBasicCredentials(`Basic ${btoa('é:ü')}`)).toBeNull(); // latin-1 bytes, not UTF-8
    const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode('é:ü')));
    expect(parseBasicCredentials(`Basic ${utf8}`)).toEqual({ username: 'é', password: 'ü' });
    expect(policy.challenge?.()).toBe(BASIC_CHALLENGE);
  });

  it('F-AUTH-03 F-ERR-03 a 401 carries the WWW-Authenticate challenge', async () => {
    const { call } = kintoApp();
    const response = await call('GET', '/buckets');
    expect(response.status).toBe(401);
    expect(response.json.errno).toBe(104);
    expect(response.headers.get('WWW-Authenticate')).toBe('Basic realm="Realm"');
  });

  it('F-AUTH-01 the hello view shows the prefixed user id', async () => {
    const { call } = kintoApp();
    const hello = await call('GET', '/', { user: 'mat' });
    expect(hello.json.user.id).toBe(await basicUserId('mat'));
  });
});
