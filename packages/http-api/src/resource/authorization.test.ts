import {
  type AuthenticationPolicy,
  ObjectNotFoundError,
  type TransactionScope,
  UnicityError,
} from '@core/contracts';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { createApi } from '../app/create-api.ts';
import type { AuthorizationRequest, Authorizer } from './authorization.ts';
import { bearerPolicy, mushrooms } from './testing.ts';

function appWith(authorizer: Authorizer, policies: readonly AuthenticationPolicy[] = [bearerPolicy]) {
  const backends = createMemoryBackends();
  const app = createApi({ backends, resources: [mushrooms], authorizer, policies });
  const call = (method: string, path: string, user?: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        ...(user ? { Authorization: `Bearer ${user}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  return { call, backends };
}

const ID = '6e3a3f5e-8b7d-4a39-9d44-0123456789ab';

describe('the authorization seam', () => {
  it('F-PERM-04 handlers ask the kind of permission the spec maps each request to', async () => {
    const asked: string[] = [];
    const { call } = appWith({
      async authorize(request: AuthorizationRequest) {
        asked.push(`${request.kind} ${request.objectUri ?? request.parentUri}`);
        return { allowed: true };
      },
    });
    await call('GET', '/v1/mushrooms');
    await call('POST', '/v1/mushrooms', 'alice', { data: { id: ID } });
    await call('POST', '/v1/mushrooms', 'alice', { data: { id: ID } });
    await call('GET', `/v1/mushrooms/${ID}`);
    await call('PUT', `/v1/mushrooms/${ID}`, 'alice', { data: {} });
    await call('PATCH', `/v1/mushrooms/${ID}`, 'alice', { data: {} });
    await call('DELETE', `/v1/mushrooms/${ID}`, 'alice');
    await call('DELETE', `/v1/mushrooms/${ID}`, 'alice');
    await call('DELETE', '/v1/mushrooms', 'alice');
    expect(asked).toEqual([
      'list-read ',
      'create ',
      `read /mushrooms/${ID}`,
      `read /mushrooms/${ID}`,
      `write /mushrooms/${ID}`,
      `write /mushrooms/${ID}`,
      `write /mushrooms/${ID}`,
      'read-parent ',
      'list-write ',
    ]);
  });

  it('F-ERR-03 a refusal is 401 with the challenge when anonymous, 403 errno 121 when authenticated', async () => {
    const challenger: AuthenticationPolicy = { ...bearerPolicy, challenge: () => 'Bearer realm="test"' };
    const { call } = appWith({ authorize: async () => ({ allowed: false }) }, [challenger]);
    const anonymous = await call('GET', '/v1/mushrooms');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('WWW-Authenticate')).toBe('Bearer realm="test"');
    const authenticated = await call('GET', '/v1/mushrooms', 'alice');
    expect(authenticated.status).toBe(403);
    expect((await authenticated.json()).errno).toBe(121);
  });

  it('F-PERM-05 a partial decision restricts listings, counts and plural deletes to the allowed ids', async () => {
    let onlyIds: string[] = [];
    const { call } = appWith({
      async authorize(request) {
        return request.kind.startsWith('list') ? { allowed: true, onlyIds } : { allowed: true };
      },
    });
    const created = [];
    for (let index = 0; index < 3; index++) {
      created.push(
        (await (await call('POST', '/v1/mushrooms', 'alice', { data: { index } })).json()).data.id,
      );
    }
    onlyIds = [created[0], created[2]];
    const listed = (await (await call('GET', '/v1/mushrooms', 'bob')).json()).data.map(
      (o: { id: string }) => o.id,
    );
    expect(listed.sort()).toEqual([...onlyIds].sort());
    expect((await call('HEAD', '/v1/mushrooms', 'bob')).headers.get('Total-Objects')).toBe('2');
    onlyIds = [created[1]];
    const deleted = (await (await call('DELETE', '/v1/mushrooms', 'bob')).json()).data;
    expect(deleted.map((t: { id: string }) => t.id)).toEqual([created[1]]);
    onlyIds = [];
    expect((await (await call('GET', '/v1/mushrooms', 'bob')).json()).data).toEqual([]);
  });

  it('F-PERM-06 PATCH/DELETE of a missing object: 404 only when the parent may be read', async () => {
    let parentReadable = false;
    const { call } = appWith({
      async authorize(request) {
        return { allowed: request.kind !== 'read-parent' || parentReadable };
      },
    });
    expect((await call('DELETE', `/v1/mushrooms/${ID}`, 'alice')).status).toBe(403);
    parentReadable = true;
    expect((await call('DELETE', `/v1/mushrooms/${ID}`, 'alice')).status).toBe(404);
  });

  it('F-PERM-06 a required parent: 404 errno 111 before authorization for writes, after it for reads', async () => {
    const backends = createMemoryBackends();
    let allowed = false;
    const children = {
      name: 'child',
      pluralPath: '/mushrooms/:mushroom_id/children',
      objectPath: '/mushrooms/:mushroom_id/children/:id',
      requiredParent: {
        exists: async ({
          params,
          storage,
        }: {
          params: Record<string, string>;
          storage: typeof backends.storage;
        }) =>
          (await storage.countAll({ resource: 'mushroom', parent: '' }, [
            { field: 'id', operator: 'eq', value: params.mushroom_id ?? '' },
          ])) > 0,
        details: (params: Record<string, string>) => ({
          id: params.mushroom_id ?? '',
          resource_name: 'mushroom',
        }),
      },
    };
    const app = createApi({
      backends,
      resources: [mushrooms, children],
      policies: [bearerPolicy],
      authorizer: { authorize: async () => ({ allowed }) },
    });
    const call = (method: string, path: string) =>
      app.request(path, {
        method,
        headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json' },
        ...(method === 'GET' ? {} : { body: '{"data": {}}' }),
      });
    const missing = `/v1/mushrooms/${ID}/children`;
    const write = await call('POST', missing);
    expect(write.status).toBe(404);
    expect(await write.json()).toMatchObject({ errno: 111, details: { id: ID, resource_name: 'mushroom' } });
    expect((await call('GET', missing)).status).toBe(403);
    allowed = true;
    expect((await call('GET', missing)).status).toBe(404);
    await call('PUT', `/v1/mushrooms/${ID}`);
    expect((await call('POST', missing)).status).toBe(201);
  });

  it('F-MTH-03 a create that lost a race to the same id answers the winner only to a reader', async () => {
    const memory = createMemoryBackends();
    const winner = { id: ID, last_modified: 1, by: 'someone else' };
    const backends = {
      ...memory,
      transaction: <T>(fn: (scope: TransactionScope) => Promise<T>) =>
        memory.transaction((scope) =>
          fn({
            ...scope,
            storage: {
              ...scope.storage,
              // The object did not exist when looked up, then a concurrent request created it.
              get: () => Promise.reject(new ObjectNotFoundError('mushroom', ID)),
              create: () => Promise.reject(new UnicityError(winner)),
            },
          }),
        ),
    };
    let readable = false;
    const app = createApi({
      backends,
      resources: [mushrooms],
      policies: [bearerPolicy],
      authorizer: { authorize: async (request) => ({ allowed: request.kind !== 'read' || readable }) },
    });
    const post = () =>
      app.request('/v1/mushrooms', {
        method: 'POST',
        headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { id: ID } }),
      });
    expect((await post()).status).toBe(403);
    readable = true;
    const answered = await post();
    expect(answered.status).toBe(200);
    expect((await answered.json()).data).toEqual(winner);
  });
});
