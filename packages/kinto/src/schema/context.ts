import type { JsonValue } from '@core/contracts';
import { createJsonIdentity } from './json-identity.ts';

/** Thrown when a validation exceeds its step budget or nesting limit; answered as a 400 naming `schema`. */
export class ValidationLimitError extends Error {
  readonly code = 'SCHEMA_VALIDATION_LIMIT';
}

/** The state of one validation: its remaining budget, its nesting, and the equality ids of its values. */
export interface Context {
  /** Steps left; each keyword evaluation and each element a keyword walks costs one. */
  steps: number;
  /** Schema evaluations currently nested (a `$ref` cycle grows it without consuming the instance). */
  depth: number;
  readonly maxDepth: number;
  /** The JSON-equality id of a value (equal ids ⇔ equal JSON: key order ignored, `true` ≠ `1`). */
  readonly identity: (value: JsonValue) => number;
}

/** Takes `steps` from the budget; throws {@link ValidationLimitError} when it runs out. */
export function charge(context: Context, steps: number): void {
  context.steps -= steps;
  if (context.steps < 0) {
    throw new ValidationLimitError(
      'validation exceeds its step budget: the schema costs too much to evaluate against this data',
    );
  }
}

/** A fresh context for one validation. */
export function createContext(steps: number, maxDepth: number): Context {
  const context: Context = {
    steps,
    depth: 0,
    maxDepth,
    identity: createJsonIdentity((cost) => charge(context, cost)),
  };
  return context;
}
