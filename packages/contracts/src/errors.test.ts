import { describe, expect, it } from 'vitest';
import { ERRNO } from './errno.ts';
import {
  BackendError,
  HttpError,
  IntegrityError,
  isCoreError,
  ObjectNotFoundError,
  ReadonlyError,
  UnicityError,
} from './errors.ts';

describe('error classes', () => {
  it('F-ERR-01 map to the status and errno of the protocol table', () => {
    expect([new BackendError().status, new BackendError().errno]).toEqual([503, ERRNO.BACKEND]);
    expect([new ReadonlyError().status, new ReadonlyError().errno]).toEqual([503, 201]);
    expect([new IntegrityError().status, new IntegrityError().errno]).toEqual([409, 122]);
    expect([
      new ObjectNotFoundError('record', 'a').status,
      new ObjectNotFoundError('record', 'a').errno,
    ]).toEqual([404, 110]);
  });

  it('are recognised by code, including a structurally identical copy from another package instance', () => {
    const foreign = { [Symbol.for('@core/contracts/error')]: true, code: 'INTEGRITY' };
    expect(isCoreError(foreign, 'INTEGRITY')).toBe(true);
    expect(isCoreError(foreign, 'BACKEND_ERROR')).toBe(false);
    expect(isCoreError(new Error('x'))).toBe(false);
    expect(isCoreError({ code: 'INTEGRITY' })).toBe(false);
    expect(isCoreError(null)).toBe(false);
  });

  it('ReadonlyError is a backend error with its own code', () => {
    const error = new ReadonlyError('no timestamp');
    expect(isCoreError(error, 'READONLY')).toBe(true);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.name).toBe('ReadonlyError');
  });

  it('UnicityError carries the existing object', () => {
    const existing = { id: 'a', last_modified: 1 };
    expect(new UnicityError(existing).existing).toBe(existing);
  });

  it('F-ERR-01 HttpError renders the error body, omitting empty members', () => {
    const error = new HttpError({ status: 404, errno: ERRNO.MISSING_RESOURCE, error: 'Not Found' });
    expect(error.toBody()).toEqual({ code: 404, errno: 111, error: 'Not Found', message: 'Not Found' });
    const detailed = new HttpError({
      status: 412,
      errno: ERRNO.MODIFIED_MEANWHILE,
      error: 'Precondition Failed',
      message: 'Resource was modified meanwhile',
      details: { existing: { id: 'x', last_modified: 3 } },
      info: 'https://example.com',
    });
    expect(detailed.toBody()).toEqual({
      code: 412,
      errno: 114,
      error: 'Precondition Failed',
      message: 'Resource was modified meanwhile',
      info: 'https://example.com',
      details: { existing: { id: 'x', last_modified: 3 } },
    });
  });
});
