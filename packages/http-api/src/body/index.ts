export { applyPatch, type PatchOutcome, type PatchTarget } from './apply-patch.ts';
export { checkBodyId, checkPathId, checkPostId } from './check-ids.ts';
export { type Envelope, type PermissionOptions, parseEnvelope } from './envelope.ts';
export {
  ACCOUNT_ID_PATTERN,
  accountIdGenerator,
  BASE_ID_PATTERN,
  type IdGenerator,
  idGeneratorByName,
  matchesId,
  nameGenerator,
  relaxedUuidGenerator,
  UUID4_PATTERN,
  uuid4Generator,
} from './id-generators.ts';
export { JSON_PATCH_OPS, type JsonPatchOperation } from './json-patch.ts';
export { deepCopy, deepEqual, MAX_JSON_DEPTH } from './json-value.ts';
export {
  type BodyContentType,
  type BodyMethod,
  DEFAULT_MAX_BODY_BYTES,
  type JsonBody,
  type ReadJsonBodyOptions,
  readJsonBody,
} from './read-json-body.ts';
export { type ResponseBehavior, responseBehavior, shapePatchResponse } from './response-behavior.ts';
export type { StoredPermissions } from './stored-permissions.ts';
export {
  type ResourceSchema,
  schemaFieldNames,
  type ValidateDataOptions,
  validateData,
} from './validate-data.ts';
