import { AUTHENTICATED, EVERYONE } from '@core/contracts';
import { expect } from 'vitest';
import { definePermissionGroup } from './options.ts';

const BUCKET = '/buckets/b';
const COLLECTION = '/buckets/b/collections/c';

function* once(values: string[]): Generator<string> {
  yield* values;
}

/** `checkPermission` and `getAuthorizedPrincipals`. */
export const permissionChecksGroup = definePermissionGroup('permission: checks', (test) => {
  test('F-TK-PERM checkPermission is true for a principal in the ACE', async (p) => {
    await p.addPrincipalToAce(COLLECTION, 'write', 'account:alice');
    expect(await p.checkPermission(['account:alice'], [[COLLECTION, 'write']])).toBe(true);
  });

  test('F-TK-PERM checkPermission is true through a group principal', async (p) => {
    await p.addUserPrincipal('account:alice', '/buckets/b/groups/g');
    await p.addPrincipalToAce(COLLECTION, 'write', '/buckets/b/groups/g');
    const principals = ['account:alice', ...(await p.getUserPrincipals('account:alice'))];
    expect(await p.checkPermission(principals, [[COLLECTION, 'write']])).toBe(true);
  });

  test('F-TK-PERM checkPermission is true when any bound pair is held (inheritance)', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'write', 'account:alice');
    expect(
      await p.checkPermission(
        ['account:alice'],
        [
          [COLLECTION, 'read'],
          [COLLECTION, 'write'],
          [BUCKET, 'read'],
          [BUCKET, 'write'],
        ],
      ),
    ).toBe(true);
  });

  test('F-TK-PERM checkPermission is false for another permission or object', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'read', 'account:alice');
    expect(await p.checkPermission(['account:alice'], [[BUCKET, 'write']])).toBe(false);
    expect(await p.checkPermission(['account:alice'], [[COLLECTION, 'read']])).toBe(false);
    expect(await p.checkPermission(['account:alice'], [['/buckets/bb', 'read']])).toBe(false);
  });

  test('F-TK-PERM checkPermission is false for an unknown principal, no principal or no bound pair', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'write', 'account:alice');
    expect(await p.checkPermission(['account:bob'], [[BUCKET, 'write']])).toBe(false);
    expect(await p.checkPermission([], [[BUCKET, 'write']])).toBe(false);
    expect(await p.checkPermission(['account:alice'], [])).toBe(false);
  });

  test('F-TK-PERM checkPermission with system principals', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'read', EVERYONE);
    await p.addPrincipalToAce(COLLECTION, 'read', AUTHENTICATED);
    const anonymous = [EVERYONE];
    const alice = ['account:alice', EVERYONE, AUTHENTICATED];
    expect(await p.checkPermission(anonymous, [[BUCKET, 'read']])).toBe(true);
    expect(await p.checkPermission(anonymous, [[COLLECTION, 'read']])).toBe(false);
    expect(await p.checkPermission(alice, [[COLLECTION, 'read']])).toBe(true);
    expect(await p.checkPermission(alice, [[BUCKET, 'write']])).toBe(false);
  });

  test('F-TK-PERM checkPermission and getAccessibleObjects accept a one-shot iterable', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'read', 'account:alice');
    await p.addPrincipalToAce(COLLECTION, 'read', 'account:bob');
    const bound = [
      [COLLECTION, 'read'],
      [BUCKET, 'read'],
    ] as const;
    expect(await p.checkPermission(once(['account:bob']), bound)).toBe(true);
    expect(await p.checkPermission(new Set(['account:carol', 'account:alice']), bound)).toBe(true);
    const accessible = await p.getAccessibleObjects(once(['account:zed', 'account:bob']));
    expect([...accessible.keys()]).toEqual([COLLECTION]);
  });

  test('F-TK-PERM getAuthorizedPrincipals is the sorted union of the holders', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'write', 'account:carol');
    await p.addPrincipalToAce(BUCKET, 'read', 'account:alice');
    await p.addPrincipalToAce(COLLECTION, 'write', 'account:bob');
    await p.addPrincipalToAce(COLLECTION, 'write', 'account:alice');
    await p.addPrincipalToAce(COLLECTION, 'read', 'account:dave');
    expect(
      await p.getAuthorizedPrincipals([
        [COLLECTION, 'write'],
        [BUCKET, 'write'],
        [BUCKET, 'read'],
        ['/buckets/unknown', 'write'],
      ]),
    ).toEqual(['account:alice', 'account:bob', 'account:carol']);
  });

  test('F-TK-PERM getAuthorizedPrincipals with write and read of one object (inheritance)', async (p) => {
    await p.addPrincipalToAce('foo', 'write', 'bar');
    expect(
      await p.getAuthorizedPrincipals([
        ['foo', 'write'],
        ['foo', 'read'],
      ]),
    ).toEqual(['bar']);
  });

  test('F-TK-PERM getAuthorizedPrincipals is empty without bound pairs or holders', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'write', 'account:alice');
    expect(await p.getAuthorizedPrincipals([])).toEqual([]);
    expect(await p.getAuthorizedPrincipals([[BUCKET, 'read']])).toEqual([]);
  });

  test('F-TK-PERM getAuthorizedPrincipals takes ids literally ("*" is not a pattern there)', async (p) => {
    await p.addPrincipalToAce(BUCKET, 'write', 'account:alice');
    expect(await p.getAuthorizedPrincipals([['*', 'write']])).toEqual([]);
    expect(await p.checkPermission(['account:alice'], [['/buckets/*', 'write']])).toBe(false);
  });
});
