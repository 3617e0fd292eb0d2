import type { JsonObject, JsonValue } from '@core/contracts';
import { MAX_SCHEMA_NESTING } from './budget.ts';
import { charge, ValidationLimitError } from './context.ts';
import { DRAFT_07_META_SCHEMA } from './draft-07.ts';
import { expansionProblem } from './expansion.ts';
import { type Check, fail, type SchemaNode, under } from './failure.ts';
import { ARRAY_KEYWORDS } from './keywords-array.ts';
import { LOGIC_KEYWORDS } from './keywords-logic.ts';
import { NUMBER_KEYWORDS } from './keywords-number.ts';
import { OBJECT_KEYWORDS } from './keywords-object.ts';
import { STRING_KEYWORDS } from './keywords-string.ts';
import { VALUE_KEYWORDS } from './keywords-value.ts';
import { nestsDeeperThan } from './nesting.ts';
import { type CompiledPattern, compilePattern } from './pattern.ts';
import { pythonRepr } from './python-repr.ts';
import {
  DEFAULT_BASE_URI,
  lookupRef,
  type RefRegistry,
  resolveUri,
  splitFragment,
  UnresolvableRefError,
} from './refs.ts';
import { isObject, type KeywordCompiler, type Scope } from './scope.ts';

/** Thrown when a schema cannot be compiled (a pattern RE2 refuses, too deep); a 400 naming the schema. */
export class SchemaCompileError extends Error {
  readonly code = 'SCHEMA_INVALID';
}

const KEYWORDS: Readonly<Record<string, KeywordCompiler>> = {
  ...VALUE_KEYWORDS,
  ...NUMBER_KEYWORDS,
  ...STRING_KEYWORDS,
  ...ARRAY_KEYWORDS,
  ...OBJECT_KEYWORDS,
  ...LOGIC_KEYWORDS,
  // Not checks: compiled so that `$ref`s into them (and their `$id`s) are known, as python's
  // `referencing` knows every subresource (`then`/`else` are checked by `if`, when there is one).
  definitions: (definitions, _schema, scope) => {
    if (isObject(definitions)) {
      for (const name of Object.keys(definitions)) scope.subschema(definitions[name]!);
    }
    return undefined;
  },
  // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited.
  then: (then, _schema, scope) => void scope.subschema(then),
  else: (otherwise, _schema, scope) => void scope.subschema(otherwise),
};

/**
 * Keywords whose subschemas are evaluated against the schema's own instance value (the edges of
 * expansion.ts); `if` compiles `then` and `else` (which run only after an `if`), and `dependencies`
 * compiles only its schema form. The other keywords descend into a child value or check nothing.
 */
const SAME_INSTANCE_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'dependencies']);

const META_SCHEMA_URI = 'http://json-schema.org/draft-07/schema';

const TRUE_NODE: SchemaNode = { validate: () => undefined };
const FALSE_NODE: SchemaNode = {
  validate: (value) => fail(undefined, () => `False schema does not allow ${pythonRepr(value)}`),
};

/** A schema's node: its checks in the schema's key order, the first failure wins (python's order). */
function nodeOf(checks: readonly Check[]): SchemaNode {
  return {
    validate(value, context) {
      context.depth += 1;
      if (context.depth > context.maxDepth) {
        throw new ValidationLimitError(
          `schema evaluation nests deeper than ${context.maxDepth} levels (a $ref cycle?)`,
        );
      }
      for (const check of checks) {
        charge(context, 1);
        const failure = check(value, context);
        if (failure) {
          context.depth -= 1;
          return failure;
        }
      }
      context.depth -= 1;
      return undefined;
    },
  };
}

/**
 * Throws {@link SchemaCompileError} for a schema nesting deeper than {@link MAX_SCHEMA_NESTING} levels
 * (compiling, `JSON.stringify` and messages walk it recursively). Iterative: safe at any depth.
 */
export function assertNesting(schema: JsonValue): void {
  if (nestsDeeperThan(schema, MAX_SCHEMA_NESTING)) {
    throw new SchemaCompileError(`the schema nests deeper than ${MAX_SCHEMA_NESTING} levels`);
  }
}

/** Options of {@link compileSchema}. */
export interface CompileOptions {
  /** Assert `format: "regex"` with the linear-time engine (the meta-schema check). */
  readonly assertRegexFormat?: boolean;
}

/**
 * Compiles a draft-07 schema into a tree of closures, once: patterns compiled with RE2JS, `$ref`s
 * linked to their targets (JSON pointers, `$id` base URIs and plain-name anchors within the document,
 * and the draft-07 meta-schema; never fetched). A `$ref` that leads nowhere fails only when followed,
 * as in python-jsonschema. Throws {@link SchemaCompileError} for a schema that cannot run: among
 * them a `$ref` cycle on one value, or a subschema expanding past the bound of expansion.ts.
 */
export function compileSchema(document: JsonValue, options: CompileOptions = {}): SchemaNode {
  assertNesting(document);
  const registry: RefRegistry = {
    resources: new Map<string, JsonValue>([
      [META_SCHEMA_URI, DRAFT_07_META_SCHEMA],
      [DEFAULT_BASE_URI, document],
    ]),
    anchors: new Map(),
  };
  const compiled = new Map<object, SchemaNode>();
  const links: {
    reference: string;
    base: string;
    target: { node?: SchemaNode; problem?: string };
    edges: object[];
  }[] = [];
  // Each compiled schema object -> the subschema objects evaluated against the same value.
  const sameInstance = new Map<object, object[]>();

  const pattern = (source: string): CompiledPattern => {
    const result = compilePattern(source);
    if (result.pattern) return result.pattern;
    throw new SchemaCompileError(
      `pattern ${pythonRepr(source)} cannot run on the linear-time engine: ${result.problem}`,
    );
  };

  const refCheck = (reference: string, base: string, edges: object[]): Check => {
    const target: { node?: SchemaNode; problem?: string } = {};
    links.push({ reference, base, target, edges });
    return (value, context) => {
      if (!target.node) throw new UnresolvableRefError(target.problem ?? `Unresolvable: ${reference}`);
      const failure = target.node.validate(value, context);
      return failure && under(failure, '$ref');
    };
  };

  const compile = (schema: JsonValue, base: string): SchemaNode => {
    if (schema === false) return FALSE_NODE;
    if (!isObject(schema)) return TRUE_NODE;
    const known = compiled.get(schema);
    if (known) return known;
    const checks: Check[] = [];
    const node = nodeOf(checks);
    compiled.set(schema, node);
    const edges: object[] = [];
    sameInstance.set(schema, edges);
    // Draft 7: a `$ref` makes its siblings (`$id` included) ignored.
    if (typeof schema.$ref === 'string') {
      checks.push(refCheck(schema.$ref, base, edges));
      return node;
    }
    const scopeBase = identify(schema, base, registry);
    let same = false; // whether the keyword being compiled evaluates its subschemas on this value
    const scope: Scope = {
      subschema: (value) => {
        if (same && isObject(value)) edges.push(value);
        return compile(value, scopeBase);
      },
      pattern,
      assertRegexFormat: options.assertRegexFormat === true,
    };
    for (const keyword of Object.keys(schema)) {
      if (!Object.hasOwn(KEYWORDS, keyword)) continue;
      same = SAME_INSTANCE_KEYWORDS.has(keyword);
      const check = KEYWORDS[keyword]!(schema[keyword]!, schema, scope);
      if (check) checks.push(check);
    }
    return node;
  };

  const root = compile(document, DEFAULT_BASE_URI);
  // Linking may compile more (a pointer into a part not compiled yet), which may add links.
  for (let index = 0; index < links.length; index += 1) {
    const { reference, base, target, edges } = links[index]!;
    const found = lookupRef(registry, reference, base);
    if ('problem' in found) target.problem = found.problem;
    else {
      target.node = compile(found.target, found.resource);
      if (isObject(found.target)) edges.push(found.target);
    }
  }
  const problem = expansionProblem(sameInstance);
  if (problem) throw new SchemaCompileError(problem);
  return root;
}

/** Registers a schema's `$id` (a resource, or a plain-name anchor) and returns its base URI. */
function identify(schema: JsonObject, base: string, registry: RefRegistry): string {
  if (typeof schema.$id !== 'string') return base;
  const uri = resolveUri(schema.$id, base);
  if (uri === undefined) return base;
  const [resource, fragment] = splitFragment(uri);
  if (fragment === '') registry.resources.set(resource, schema);
  else registry.anchors.set(uri, schema);
  return resource;
}
