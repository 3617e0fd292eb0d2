/**
 * Node-only entry of `@core/authz`: bcrypt in worker threads.
 * @module
 */
export { type BcryptPool, type BcryptPoolOptions, createBcryptPool } from './node/bcrypt-pool.ts';
