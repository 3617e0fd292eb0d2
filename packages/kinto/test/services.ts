/**
 * The verdict of the run's one service check (scripts/test-services.ts, the root vitest global
 * setup), when the tests run under it; `undefined` when run another way (then probe here).
 */
export function checkedOnce(service: 'postgres' | 'redis'): { up: boolean; reason: string } | undefined {
  const verdicts = process.env.CORE_TEST_SERVICES;
  return verdicts ? (JSON.parse(verdicts)[service] as { up: boolean; reason: string }) : undefined;
}
