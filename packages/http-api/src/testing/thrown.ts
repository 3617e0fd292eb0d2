import { type HttpError, isCoreError } from '@core/contracts';

/** Test support: the {@link HttpError} `fn` throws; any other outcome fails the test. */
export function thrown(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    if (isCoreError(error, 'HTTP_ERROR')) return error as HttpError;
    throw error;
  }
  throw new Error('expected an HttpError');
}
