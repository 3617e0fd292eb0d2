import { registerGroups } from '../harness.ts';
import { cacheBasicsGroup } from './basics.ts';
import { cacheDeleteGroup } from './delete.ts';
import { cacheExpireGroup } from './expire.ts';
import { cacheFlushGroup } from './flush.ts';
import { cacheIncrementGroup } from './increment.ts';
import type { CacheConformanceOptions, CacheGroup } from './options.ts';
import { cachePrefixesGroup } from './prefixes.ts';
import { cacheTtlGroup } from './ttl.ts';

const SUITE = 'cache conformance';

/** Every cache group, in registration order. */
export const cacheGroups: readonly CacheGroup[] = [
  cacheBasicsGroup,
  cacheTtlGroup,
  cacheExpireGroup,
  cacheDeleteGroup,
  cacheFlushGroup,
  cachePrefixesGroup,
  cacheIncrementGroup,
];

/**
 * `options` with capability `prefixes` turned off when there is no `createWithPrefix` hook (unless
 * set explicitly), so the cases needing it show as skipped instead of failing.
 */
export function withCacheDefaults(options: CacheConformanceOptions): CacheConformanceOptions {
  if (options.createWithPrefix || options.capabilities?.prefixes !== undefined) return options;
  return { ...options, capabilities: { ...options.capabilities, prefixes: false } };
}

function register(groups: readonly CacheGroup[], options: CacheConformanceOptions): void {
  registerGroups(SUITE, groups, withCacheDefaults(options));
}

/** Registers every cache group with vitest (call it at the top level of a test file). */
export function cacheConformance(options: CacheConformanceOptions): void {
  register(cacheGroups, options);
}

/** Registers the basics group: round trips, copies, keys, invalid TTLs. */
export function cacheBasicsConformance(options: CacheConformanceOptions): void {
  register([cacheBasicsGroup], options);
}

/** Registers the TTL group (short real sleeps). */
export function cacheTtlConformance(options: CacheConformanceOptions): void {
  register([cacheTtlGroup], options);
}

/** Registers the `expire` group. */
export function cacheExpireConformance(options: CacheConformanceOptions): void {
  register([cacheExpireGroup], options);
}

/** Registers the `delete` group. */
export function cacheDeleteConformance(options: CacheConformanceOptions): void {
  register([cacheDeleteGroup], options);
}

/** Registers the `flush` group. */
export function cacheFlushConformance(options: CacheConformanceOptions): void {
  register([cacheFlushGroup], options);
}

/**
 * Registers the `increment` group (atomic counters; skipped with capability `increment: false`, for a
 * cache without the optional method).
 */
export function cacheIncrementConformance(options: CacheConformanceOptions): void {
  register([cacheIncrementGroup], options);
}

/** Registers the prefixes group (skipped without `createWithPrefix`). */
export function cachePrefixesConformance(options: CacheConformanceOptions): void {
  register([cachePrefixesGroup], options);
}
