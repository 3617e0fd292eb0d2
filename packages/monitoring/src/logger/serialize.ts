/** An `Error` as a JSON object (`JSON.stringify` would write `{}`). */
export function serializeError(error: Error): Record<string, unknown> {
  return { type: error.name, message: error.message, stack: error.stack };
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return serializeError(value);
  return value;
}

/**
 * `JSON.stringify` that never throws: bigints become strings, errors objects with their stack;
 * a circular value makes the whole line a `{"serializationError": ...}` object.
 */
export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, replacer);
  } catch (error) {
    return JSON.stringify({ serializationError: error instanceof Error ? error.message : String(error) });
  }
}
