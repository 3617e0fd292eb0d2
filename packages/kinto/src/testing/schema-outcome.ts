import { type HttpError, isCoreError, type JsonValue } from '@core/contracts';
import { checkSchemaField, validateWithSchema } from '../schema/validate.ts';

/** Test support: what a schema call answered: `'valid'`, or the 400's status, errno and first detail. */
export type SchemaOutcome = 'valid' | { status: number; errno: number; name: string; description: string };

function outcome(call: () => void): SchemaOutcome {
  try {
    call();
    return 'valid';
  } catch (error) {
    if (!isCoreError(error, 'HTTP_ERROR')) throw error;
    const { status, errno, details } = error as HttpError;
    const [first] = details as { name: string; description: string }[];
    return { status, errno, name: first!.name, description: first!.description };
  }
}

/** Test support: the outcome of `validateWithSchema(instance, schema)`. */
export function validation(instance: unknown, schema: unknown): SchemaOutcome {
  return outcome(() => validateWithSchema(instance as JsonValue, schema as JsonValue));
}

/** Test support: the outcome of `checkSchemaField(field, schema)`. */
export function schemaCheck(field: string, schema: unknown): SchemaOutcome {
  return outcome(() => checkSchemaField(field, schema as JsonValue));
}

/** Test support: the outcome of a refusal (400, errno 107) naming `name`. */
export function refused(name: string, description: string): SchemaOutcome {
  return { status: 400, errno: 107, name, description };
}
