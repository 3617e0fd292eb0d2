export { behindProxies, type ClientAddress } from './app/client-address.ts';
export { createApi } from './app/create-api.ts';
export type { ErrorReport } from './app/error-handler.ts';
export { errorResponse } from './app/error-response.ts';
export type { ApiOptions, ApiPlugin, Capability, HeartbeatCheck, VersionSource } from './app/options.ts';
export { resolveSettings, versionPrefix } from './app/resolve-settings.ts';
export { knownJsonText, responseText, textBodyRequest } from './app/subrequest-bodies.ts';
export { type BodyLimits, checkBodyShape, DEFAULT_BODY_LIMITS } from './body/body-limits.ts';
export {
  ACCOUNT_ID_PATTERN,
  accountIdGenerator,
  type IdGenerator,
  idGeneratorByName,
  nameGenerator,
  relaxedUuidGenerator,
  uuid4Generator,
} from './body/id-generators.ts';
export {
  DEFAULT_MAX_BODY_BYTES,
  type ReadJsonBodyOptions,
  readJsonBody,
} from './body/read-json-body.ts';
export type { ResourceSchema } from './body/validate-data.ts';
export type { ApiEnv, Caller, CoreVariables, ParentRequest } from './context.ts';
export { type CapabilityRegistry, createCapabilityRegistry } from './endpoints/capabilities.ts';
export {
  backendUnavailable,
  badRequest,
  constraintViolated,
  forbidden,
  internalError,
  invalidParameters,
  invalidQuery,
  methodNotAllowed,
  missingResource,
  notAcceptable,
  objectNotFound,
  type ParameterLocation,
  preconditionFailed,
  requestTooLarge,
  serviceDeprecated,
  tooManyRequests,
  unauthorized,
  unsupportedMediaType,
  type ValidationDetail,
  versionNotAvailable,
} from './errors/http-errors.ts';
export { authenticate } from './middleware/authentication.ts';
export { BASE_EXPOSE_HEADERS, preflightHandler } from './middleware/cors.ts';
export { ANONYMOUS } from './middleware/request-context.ts';
export {
  ALLOW_ALL,
  type AuthorizationDecision,
  type AuthorizationKind,
  type AuthorizationRequest,
  type Authorizer,
} from './resource/authorization.ts';
export { denied } from './resource/authorize.ts';
export {
  type CacheExpiresContext,
  defineResource,
  type HookContext,
  type ObjectMethod,
  type ParentIdContext,
  type PluralMethod,
  type ResourceDefinition,
  type ResourceHooks,
  type RouteParams,
} from './resource/definition.ts';
export {
  anyListenerWants,
  createEventCollector,
  deliverAfterChanged,
  deliverChanged,
  type EventCollector,
} from './resource/events.ts';
export { registerResource } from './resource/register.ts';
export { transactional, transactionOf, transactorOf } from './resource/transaction.ts';
export { bodyOptionsOf } from './settings/body-options.ts';
export { DEFAULT_SETTINGS, type Settings } from './settings/settings.ts';
