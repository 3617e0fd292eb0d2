import type { AuthenticationPolicy, JsonObject } from '@core/contracts';
import type { Handler } from 'hono';
import type { ApiEnv } from '../context.ts';
import {
  type NormalizedResource,
  normalizeResource,
  type ResourceDefinition,
} from '../resource/definition.ts';
import type { Settings } from '../settings/settings.ts';
import { UTILITY_ENDPOINTS } from './utility-endpoints.ts';

/** A route mounted by a plugin (`{method, path}` relative to the version prefix, Hono syntax). */
export interface RouteEntry {
  readonly method: string;
  readonly path: string;
}

/** What the OpenAPI document describes. */
export interface OpenApiInput {
  readonly settings: Settings;
  readonly prefix: string;
  readonly resources: readonly ResourceDefinition[];
  readonly policies: readonly AuthenticationPolicy[];
  /** Every route of the version sub-app; those not belonging to a resource are documented generically. */
  readonly routes: readonly RouteEntry[];
}

const BASIC_POLICIES = new Set(['basicauth', 'account']);
const DOCUMENTED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Hono path (`/buckets/:bucket_id`, `:id{[a-z]+}`) to OpenAPI path (`/buckets/{bucket_id}`). */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, '{$1}');
}

function pathParameters(path: string): JsonObject[] {
  return [...toOpenApiPath(path).matchAll(/\{([^}]+)\}/g)].map((match) => ({
    name: match[1] ?? '',
    in: 'path',
    required: true,
    type: 'string',
  }));
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function securityDefinitions(policies: readonly AuthenticationPolicy[]): JsonObject {
  const definitions: JsonObject = {};
  for (const policy of policies) {
    if (BASIC_POLICIES.has(policy.name)) {
      definitions[policy.name] = {
        type: 'basic',
        description: `HTTP Basic Authentication (${policy.name}).`,
      };
    }
  }
  return definitions;
}

function operation(
  operationId: string,
  tag: string,
  summary: string,
  path: string,
  security: JsonObject[],
  bodyRef?: string,
): JsonObject {
  const parameters = pathParameters(path);
  if (bodyRef) parameters.push({ name: 'body', in: 'body', required: false, schema: { $ref: bodyRef } });
  return {
    operationId,
    tags: [tag],
    summary,
    parameters,
    responses: {
      '200': { description: 'Success.' },
      default: { description: 'Error.', schema: { $ref: '#/definitions/Error' } },
    },
    security,
  };
}

function methodEnabled(settings: Settings, kind: 'plural' | 'object', name: string, method: string): boolean {
  if (settings.readonly && method !== 'GET' && method !== 'HEAD') return false;
  return settings[`${kind}_${name}_${method.toLowerCase()}_enabled`] !== false;
}

function resourceOperations(
  resource: NormalizedResource,
  settings: Settings,
  security: JsonObject[],
): Array<[path: string, method: string, operation: JsonObject]> {
  const { name } = resource;
  const tag = `${capitalize(name)}s`;
  const bodyRef = `#/definitions/${capitalize(name)}`;
  const result: Array<[string, string, JsonObject]> = [];
  for (const method of resource.pluralMethods) {
    if (!methodEnabled(settings, 'plural', name, method)) continue;
    const id = method === 'POST' ? `create_${name}` : `${method.toLowerCase()}_${name}s`;
    const body = method === 'POST' ? bodyRef : undefined;
    result.push([
      resource.pluralPath,
      method,
      operation(id, tag, `${method} ${name}s`, resource.pluralPath, security, body),
    ]);
  }
  const objectPath = resource.objectPath;
  if (objectPath === null) return result;
  for (const method of resource.objectMethods) {
    if (!methodEnabled(settings, 'object', name, method)) continue;
    const id = method === 'PUT' ? `update_${name}` : `${method.toLowerCase()}_${name}`;
    const body = method === 'PUT' || method === 'PATCH' ? bodyRef : undefined;
    result.push([objectPath, method, operation(id, tag, `${method} ${name}`, objectPath, security, body)]);
  }
  return result;
}

function genericOperationId(method: string, path: string): string {
  const slug = path
    .replace(/:[^/]+/g, '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (method === 'POST' && !slug.includes('_')) return slug;
  return `${method.toLowerCase()}_${slug}`;
}

/**
 * The OpenAPI 2.0 document of the API (utilities.md §5), without `host` (request dependent):
 * utility endpoints, every resource's plural and object operations, and plugin routes.
 */
export function buildOpenApi(input: OpenApiInput): JsonObject {
  const { settings, prefix } = input;
  const definitionsOfSecurity = securityDefinitions(input.policies);
  const security = Object.keys(definitionsOfSecurity).map((name): JsonObject => ({ [name]: [] }));
  const paths: Record<string, JsonObject> = {};
  const add = (path: string, method: string, op: JsonObject) => {
    const key = toOpenApiPath(path);
    paths[key] = { ...(paths[key] ?? {}), [method.toLowerCase()]: op };
  };

  for (const endpoint of UTILITY_ENDPOINTS) {
    add(
      endpoint.path,
      'GET',
      operation(endpoint.operationId, 'Utilities', endpoint.summary, endpoint.path, []),
    );
  }
  const tags = new Set(['Utilities']);
  const definitions: JsonObject = {
    Error: {
      type: 'object',
      required: ['code', 'errno', 'error'],
      properties: {
        code: { type: 'integer' },
        errno: { type: 'integer' },
        error: { type: 'string' },
        message: { type: 'string' },
        info: { type: 'string' },
        details: {},
      },
    },
  };
  const documented = new Set<string>();
  for (const definition of input.resources) {
    const resource = normalizeResource(definition);
    tags.add(`${capitalize(resource.name)}s`);
    definitions[capitalize(resource.name)] = {
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: { id: { type: 'string' }, last_modified: { type: 'integer' } },
          additionalProperties: true,
        },
        permissions: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
    };
    documented.add(resource.pluralPath);
    if (resource.objectPath !== null) documented.add(resource.objectPath);
    for (const [path, method, op] of resourceOperations(resource, settings, security)) add(path, method, op);
  }
  for (const route of input.routes) {
    if (!DOCUMENTED_METHODS.has(route.method) || documented.has(route.path)) continue;
    const tag = capitalize(route.path.split('/')[1]?.replace(/^_+|_+$/g, '') || 'Utilities');
    tags.add(tag);
    add(
      route.path,
      route.method,
      operation(genericOperationId(route.method, route.path), tag, route.path, route.path, security),
    );
  }

  return {
    swagger: '2.0',
    info: { title: settings.project_name, version: String(settings.http_api_version) },
    basePath: prefix,
    schemes: [settings.http_scheme || 'http'],
    securityDefinitions: definitionsOfSecurity,
    consumes: ['application/json'],
    produces: ['application/json'],
    tags: [...tags].map((name) => ({ name })),
    paths,
    definitions,
  };
}

/**
 * `GET /v1/__api__`: the document of {@link buildOpenApi}, built once on first use (after every
 * route is mounted), with `host` = `http_host` or the request host.
 */
export function openApiHandler(input: () => OpenApiInput): Handler<ApiEnv> {
  let document: JsonObject | undefined;
  return (c) => {
    document ??= buildOpenApi(input());
    const host = c.get('settings').http_host || new URL(c.req.url).host;
    return c.json({ ...document, host }, 200);
  };
}
