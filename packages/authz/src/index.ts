export { storageAccountLookup } from './auth/account-lookup.ts';
export {
  type AccountLookup,
  type AccountsPolicy,
  type AccountsPolicyOptions,
  createAccountsPolicy,
  type StoredAccount,
} from './auth/accounts-policy.ts';
export { type BasicCredentials, parseBasicCredentials } from './auth/basic-credentials.ts';
export {
  BASIC_CHALLENGE,
  type BasicAuthPolicyOptions,
  createBasicAuthPolicy,
} from './auth/basicauth-policy.ts';
export { hmacSha256Hex } from './auth/hmac.ts';
export {
  createLoginThrottle,
  DEFAULT_LOGIN_THROTTLE,
  type LoginThrottle,
  type LoginThrottleLimits,
} from './auth/login-throttle.ts';
export {
  bcryptCost,
  DEFAULT_BCRYPT_ROUNDS,
  dummyPasswordHash,
  hashPassword,
  type PasswordCompare,
  type PasswordHash,
  verifyPassword,
} from './auth/passwords.ts';
export { type AuthorizerOptions, createAuthorizer } from './authorization/create-authorizer.ts';
export {
  type InheritanceTree,
  KINTO_DEFAULT_PRINCIPALS,
  KINTO_INHERITANCE,
  KINTO_PERMISSIONS,
} from './authorization/inheritance.ts';
export {
  PERMISSIONS_ENDPOINT_CAPABILITY,
  type PermissionsEndpointOptions,
  permissionsEndpointPlugin,
} from './permissions-endpoint/plugin.ts';
