import { invalidParameters, unsupportedMediaType } from '@core/http-api';

/** Default limit of a batch body: 8 MiB, the resource endpoints' own limit. */
export const DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024;

function bodyError(description: string) {
  return invalidParameters({ location: 'body', name: '', description });
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => bodyError(`Request body is larger than ${maxBytes} bytes`);
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bodyError('Invalid JSON: body is not valid UTF-8');
  }
}

/**
 * The parsed JSON body of a batch request: `Content-Type` must be `application/json` (parameters
 * allowed; none only for an empty body) else 415; invalid UTF-8, invalid JSON
 * or more than `maxBytes` → 400 errno 107. An empty body gives `undefined`.
 */
export async function readBatchBody(request: Request, maxBytes: number): Promise<unknown> {
  const header = request.headers.get('Content-Type');
  const type = (header?.split(';', 1)[0] ?? '').trim().toLowerCase();
  if (type !== '' && type !== 'application/json') throw unsupportedMediaType(['application/json']);
  const text = await readText(request, maxBytes);
  if (text.trim() === '') return undefined;
  if (type === '') throw unsupportedMediaType(['application/json']);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw bodyError(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
