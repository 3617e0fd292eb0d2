import { fail, under } from './failure.ts';
import { pythonRepr } from './python-repr.ts';
import type { KeywordCompiler } from './scope.ts';

const notValidUnderAny = (value: Parameters<typeof pythonRepr>[0]) =>
  `${pythonRepr(value)} is not valid under any of the given schemas`;

export const LOGIC_KEYWORDS: Readonly<Record<string, KeywordCompiler>> = {
  allOf: (schemas, _schema, scope) => {
    if (!Array.isArray(schemas)) return undefined;
    const nodes = schemas.map((schema) => scope.subschema(schema));
    return (value, context) => {
      for (const node of nodes) {
        const failure = node.validate(value, context);
        if (failure) return under(failure, 'allOf');
      }
      return undefined;
    };
  },
  anyOf: (schemas, _schema, scope) => {
    if (!Array.isArray(schemas)) return undefined;
    const nodes = schemas.map((schema) => scope.subschema(schema));
    return (value, context) =>
      nodes.some((node) => !node.validate(value, context))
        ? undefined
        : fail('anyOf', () => notValidUnderAny(value));
  },
  oneOf: (schemas, _schema, scope) => {
    if (!Array.isArray(schemas)) return undefined;
    const nodes = schemas.map((schema) => scope.subschema(schema));
    return (value, context) => {
      const first = nodes.findIndex((node) => !node.validate(value, context));
      if (first < 0) return fail('oneOf', () => notValidUnderAny(value));
      const more = schemas.filter((_, index) => index > first && !nodes[index]!.validate(value, context));
      if (more.length === 0) return undefined;
      const each = [...more, schemas[first]!].map(pythonRepr).join(', ');
      return fail('oneOf', () => `${pythonRepr(value)} is valid under each of ${each}`);
    };
  },
  not: (negated, _schema, scope) => {
    const node = scope.subschema(negated);
    return (value, context) =>
      node.validate(value, context)
        ? undefined
        : fail('not', () => `${pythonRepr(value)} should not be valid under ${pythonRepr(negated)}`);
  },
  // `then` and `else` are read here, where python-jsonschema evaluates them: at the place of `if`.
  if: (condition, schema, scope) => {
    const test = scope.subschema(condition);
    const then = Object.hasOwn(schema, 'then') ? scope.subschema(schema.then!) : undefined;
    const otherwise = Object.hasOwn(schema, 'else') ? scope.subschema(schema.else!) : undefined;
    if (!then && !otherwise) return undefined;
    return (value, context) => {
      if (!test.validate(value, context)) {
        const failure = then?.validate(value, context);
        return failure && under(failure, 'then');
      }
      const failure = otherwise?.validate(value, context);
      return failure && under(failure, 'else');
    };
  },
};
