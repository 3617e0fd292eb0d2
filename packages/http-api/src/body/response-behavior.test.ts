import { describe, expect, it } from 'vitest';
import { thrown } from '../testing/thrown.ts';
import { applyPatch } from './apply-patch.ts';
import { responseBehavior, shapePatchResponse } from './response-behavior.ts';

describe('Response-Behavior', () => {
  it('F-MTH-11 absent or empty → full; full, light and diff accepted', () => {
    expect(responseBehavior(null)).toBe('full');
    expect(responseBehavior('')).toBe('full');
    expect(responseBehavior('full')).toBe('full');
    expect(responseBehavior('light')).toBe('light');
    expect(responseBehavior('diff')).toBe('diff');
  });

  it('F-MTH-11 any other value → 400 errno 107 naming the header', () => {
    for (const value of ['FULL', 'heavy', ' light']) {
      const error = thrown(() => responseBehavior(value));
      expect(error.status).toBe(400);
      expect(error.errno).toBe(107);
      expect(error.details).toEqual([
        {
          location: 'header',
          name: 'Response-Behavior',
          description: `"${value}" is not one of full, light, diff`,
        },
      ]);
    }
  });

  it('F-MTH-11 full returns the whole updated object', () => {
    const updated = { id: 'a', last_modified: 2, x: 1 };
    const shaped = shapePatchResponse('full', updated, { x: 1 }, { id: 'a', last_modified: 1, x: 0 });
    expect(shaped).toEqual(updated);
    expect(shaped).not.toBe(updated);
  });

  it('F-MTH-11 light: requested fields whose value changed; diff: those the server altered', () => {
    const stored = { id: 'a', last_modified: 1, same: 1, changed: 1, altered: 'x', untouched: true };
    const requested = { same: 1, changed: 2, altered: 'y' };
    // The server normalised `altered` (e.g. process_object upper-cased it).
    const updated = { id: 'a', last_modified: 2, same: 1, changed: 2, altered: 'Y', untouched: true };
    expect(shapePatchResponse('light', updated, requested, stored)).toEqual({ changed: 2, altered: 'Y' });
    expect(shapePatchResponse('diff', updated, requested, stored)).toEqual({ altered: 'Y' });
  });

  it('F-MTH-11 merge-patch: diff reports the full nested value; removed fields are left out', () => {
    const stored = { id: 'a', last_modified: 1, n: { a: 1, b: 2 }, gone: 1 };
    const patched = applyPatch(
      'merge-patch',
      { data: stored, permissions: {} },
      { data: { n: { a: 5 }, gone: null } },
      { allowedPermissions: ['read', 'write'] },
    );
    expect(shapePatchResponse('light', patched.data, patched.requestedData, stored)).toEqual({
      n: { a: 5, b: 2 },
    });
    expect(shapePatchResponse('diff', patched.data, patched.requestedData, stored)).toEqual({
      n: { a: 5, b: 2 },
    });
  });

  it('F-MTH-11 values equal in structure but not in type are changes (1 vs true)', () => {
    expect(shapePatchResponse('light', { v: true }, { v: true }, { v: 1 })).toEqual({ v: true });
    expect(
      shapePatchResponse('light', { v: { b: 1, a: 2 } }, { v: { a: 2, b: 1 } }, { v: { a: 2, b: 1 } }),
    ).toEqual({});
  });
});
