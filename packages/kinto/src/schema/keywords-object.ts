import type { JsonObject, JsonValue } from '@core/contracts';
import { type Context, charge } from './context.ts';
import { fail, type SchemaNode, under } from './failure.ts';
import { countKeyword } from './keyword-count.ts';
import { extras } from './keywords-array.ts';
import type { CompiledPattern } from './pattern.ts';
import { pythonRepr } from './python-repr.ts';
import { byCodePoint, isObject, type KeywordCompiler, type Scope } from './scope.ts';

function patternsOf(schema: JsonObject, scope: Scope): [string, CompiledPattern][] {
  const patterns = schema.patternProperties;
  return isObject(patterns) ? Object.keys(patterns).map((source) => [source, scope.pattern(source)]) : [];
}

/** The message of `additionalProperties: false`, in python-jsonschema's two wordings. */
function additionalMessage(schema: JsonObject, unexpected: string[]): string {
  const sorted = [...unexpected].sort(byCodePoint);
  if (!Object.hasOwn(schema, 'patternProperties')) {
    return `Additional properties are not allowed (${extras(sorted)} unexpected)`;
  }
  const patterns = isObject(schema.patternProperties)
    ? Object.keys(schema.patternProperties).sort(byCodePoint)
    : [];
  const verb = sorted.length === 1 ? 'does' : 'do';
  return `${sorted.map(pythonRepr).join(', ')} ${verb} not match any of the regexes: ${patterns.map(pythonRepr).join(', ')}`;
}

function propertyCount(value: JsonValue, context: Context): number | undefined {
  if (!isObject(value)) return undefined;
  const size = Object.keys(value).length;
  charge(context, size);
  return size;
}

export const OBJECT_KEYWORDS: Readonly<Record<string, KeywordCompiler>> = {
  maxProperties: countKeyword('maxProperties', 'max', propertyCount, 'has too many properties'),
  minProperties: countKeyword('minProperties', 'min', propertyCount, 'does not have enough properties'),
  required: (names) => {
    if (!Array.isArray(names)) return undefined;
    const strings = names.filter((name): name is string => typeof name === 'string');
    return (value, context) => {
      if (!isObject(value)) return undefined;
      charge(context, strings.length);
      const missing = strings.find((name) => !Object.hasOwn(value, name));
      return missing === undefined
        ? undefined
        : fail('required', () => `${pythonRepr(missing)} is a required property`, missing);
    };
  },
  properties: (properties, _schema, scope) => {
    if (!isObject(properties)) return undefined;
    const entries = Object.keys(properties).map((name): [string, SchemaNode] => [
      name,
      scope.subschema(properties[name]!),
    ]);
    return (value, context) => {
      if (!isObject(value)) return undefined;
      charge(context, entries.length);
      for (const [name, node] of entries) {
        if (!Object.hasOwn(value, name)) continue;
        const failure = node.validate(value[name]!, context);
        if (failure) return under(failure, 'properties', name);
      }
      return undefined;
    };
  },
  patternProperties: (patternProperties, schema, scope) => {
    if (!isObject(patternProperties)) return undefined;
    const entries = patternsOf(schema, scope).map(([source, pattern]): [CompiledPattern, SchemaNode] => [
      pattern,
      scope.subschema(patternProperties[source]!),
    ]);
    return (value, context) => {
      if (!isObject(value)) return undefined;
      for (const [pattern, node] of entries) {
        for (const key of Object.keys(value)) {
          if (!pattern.search(key, context)) continue;
          const failure = node.validate(value[key]!, context);
          if (failure) return under(failure, 'patternProperties', key);
        }
      }
      return undefined;
    };
  },
  additionalProperties: (additional, schema, scope) => {
    if (additional === true) return undefined;
    const declared = isObject(schema.properties) ? schema.properties : {};
    const patterns = patternsOf(schema, scope).map(([, pattern]) => pattern);
    const unexpected = (value: JsonObject, context: Context): string[] => {
      charge(context, Object.keys(value).length);
      return Object.keys(value).filter(
        (key) => !Object.hasOwn(declared, key) && !patterns.some((pattern) => pattern.search(key, context)),
      );
    };
    if (additional === false) {
      return (value, context) => {
        if (!isObject(value)) return undefined;
        const found = unexpected(value, context);
        return found.length === 0
          ? undefined
          : fail('additionalProperties', () => additionalMessage(schema, found));
      };
    }
    if (!isObject(additional)) return undefined;
    const node = scope.subschema(additional);
    return (value, context) => {
      if (!isObject(value)) return undefined;
      for (const key of unexpected(value, context)) {
        const failure = node.validate(value[key]!, context);
        if (failure) return under(failure, 'additionalProperties', key);
      }
      return undefined;
    };
  },
  dependencies: (dependencies, _schema, scope) => {
    if (!isObject(dependencies)) return undefined;
    const entries = Object.keys(dependencies).map((name): [string, readonly JsonValue[] | SchemaNode] => {
      const dependency = dependencies[name]!;
      return [name, Array.isArray(dependency) ? dependency : scope.subschema(dependency)];
    });
    return (value, context) => {
      if (!isObject(value)) return undefined;
      charge(context, entries.length);
      for (const [name, dependency] of entries) {
        if (!Object.hasOwn(value, name)) continue;
        if (Array.isArray(dependency)) {
          charge(context, dependency.length);
          const missing = dependency.find((each) => typeof each === 'string' && !Object.hasOwn(value, each));
          if (missing !== undefined) {
            return fail(
              'dependencies',
              () => `${pythonRepr(missing)} is a dependency of ${pythonRepr(name)}`,
            );
          }
        } else {
          const failure = (dependency as SchemaNode).validate(value, context);
          if (failure) return under(failure, 'dependencies');
        }
      }
      return undefined;
    };
  },
  propertyNames: (names, _schema, scope) => {
    const node = scope.subschema(names);
    return (value, context) => {
      if (!isObject(value)) return undefined;
      for (const key of Object.keys(value)) {
        const failure = node.validate(key, context);
        if (failure) return under(failure, 'propertyNames');
      }
      return undefined;
    };
  },
};
