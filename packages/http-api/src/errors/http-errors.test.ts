import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { createApi } from '../app/create-api.ts';
import { forbidden, invalidParameters, unauthorized } from './http-errors.ts';

function appThrowing(error: unknown) {
  return createApi({
    backends: createMemoryBackends(),
    extend: (v1) => {
      v1.get('/boom', () => {
        throw error;
      });
    },
  });
}

describe('error factories through the app', () => {
  it('F-ERR-03 401 errno 104 carries WWW-Authenticate; 403 errno 121 does not', async () => {
    const denied = await appThrowing(unauthorized('Basic realm="Realm"')).request('/v1/boom');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('WWW-Authenticate')).toBe('Basic realm="Realm"');
    expect(await denied.json()).toMatchObject({
      code: 401,
      errno: 104,
      error: 'Unauthorized',
      message: 'Please authenticate yourself to use this endpoint.',
    });
    const refused = await appThrowing(forbidden()).request('/v1/boom');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('WWW-Authenticate')).toBeNull();
    expect(await refused.json()).toMatchObject({
      errno: 121,
      message: 'This user cannot access this resource.',
    });
  });

  it('F-ERR-02 validation errors sort details by name and put the first one in the message', async () => {
    const error = invalidParameters([
      { location: 'querystring', name: 'zeta', description: 'bad' },
      { location: 'body', name: 'alpha', description: 'wrong type' },
    ]);
    const response = await appThrowing(error).request('/v1/boom');
    const body = await response.json();
    expect(body.message).toBe('alpha in body: wrong type');
    expect(body.details.map((detail: { name: string }) => detail.name)).toEqual(['alpha', 'zeta']);
    expect(body.error).toBe('Invalid parameters');
  });

  it('F-ERR-02 a description that names the parameter is the whole message', () => {
    const error = invalidParameters({
      location: 'querystring',
      name: 'like_title',
      description: 'Invalid value for like_title',
    });
    expect(error.message).toBe('Invalid value for like_title');
  });
});
