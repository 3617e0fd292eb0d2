import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';

/** Hooks every suite takes: how to get a backend, how to empty it, how to dispose of it. */
export interface SuiteHooks<B> {
  /** Returns a fresh backend; called once per group. */
  create: () => B | Promise<B>;
  /** Empties the backend between cases. Default: `backend.flush()`. */
  reset?: (backend: B) => void | Promise<void>;
  /** Disposes of the backend after its group. Default: `backend.close?.()`. */
  destroy?: (backend: B) => void | Promise<void>;
}

/** One conformance case: a name and a check that rejects when the backend is wrong. */
export interface ConformanceCase<B, O> {
  readonly name: string;
  /** Capability the case needs; when the options set it to `false` the case is skipped (see README). */
  readonly requires?: string;
  /** Timeout in ms, for cases heavier than the default. */
  readonly timeout?: number;
  readonly run: (backend: B, options: O) => Promise<void>;
}

/** A named list of cases sharing one backend. */
export interface ConformanceGroup<B, O> {
  readonly name: string;
  readonly cases: readonly ConformanceCase<B, O>[];
}

type Capable = { readonly capabilities?: object };

/** Builds a group: `defineGroup('timestamps', (test) => { test('...', async (backend) => {...}) })`. */
export function defineGroup<B, O>(
  name: string,
  body: (
    test: (
      name: string,
      run: ConformanceCase<B, O>['run'],
      extra?: { requires?: string; timeout?: number },
    ) => void,
  ) => void,
): ConformanceGroup<B, O> {
  const cases: ConformanceCase<B, O>[] = [];
  body((caseName, run, extra) => cases.push({ name: caseName, run, ...extra }));
  return { name, cases };
}

function isSkipped(testCase: { readonly requires?: string }, options: Capable): boolean {
  if (testCase.requires === undefined) return false;
  return (
    (options.capabilities as Readonly<Record<string, unknown>> | undefined)?.[testCase.requires] === false
  );
}

async function resetBackend<B>(backend: B, hooks: SuiteHooks<B>): Promise<void> {
  if (hooks.reset) return hooks.reset(backend);
  await (backend as { flush?: () => Promise<void> }).flush?.();
}

async function destroyBackend<B>(backend: B, hooks: SuiteHooks<B>): Promise<void> {
  if (hooks.destroy) return hooks.destroy(backend);
  await (backend as { close?: () => Promise<void> }).close?.();
}

/** Registers the groups with vitest: one `describe` per group, one `it` per case. */
export function registerGroups<B, O extends SuiteHooks<B> & Capable>(
  suite: string,
  groups: readonly ConformanceGroup<B, O>[],
  options: O,
): void {
  describe(suite, () => {
    for (const group of groups) {
      describe(group.name, () => {
        let backend: B;
        beforeAll(async () => {
          backend = await options.create();
        });
        beforeEach(async () => {
          await resetBackend(backend, options);
        });
        afterAll(async () => {
          if (backend !== undefined) await destroyBackend(backend, options);
        });
        for (const testCase of group.cases) {
          if (isSkipped(testCase, options)) {
            it.skip(`${testCase.name} [needs capability "${testCase.requires}"]`, () => {});
          } else {
            it(testCase.name, () => testCase.run(backend, options), testCase.timeout);
          }
        }
      });
    }
  });
}

/** Outcome of one case run by {@link runGroup}. */
export interface CaseResult {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly error?: unknown;
}

/**
 * Runs a group outside vitest's collector and reports each case, so a test can show that a
 * deliberately broken backend fails the group.
 */
export async function runGroup<B, O extends SuiteHooks<B> & Capable>(
  group: ConformanceGroup<B, O>,
  options: O,
): Promise<CaseResult[]> {
  const backend = await options.create();
  const results: CaseResult[] = [];
  try {
    for (const testCase of group.cases) {
      if (isSkipped(testCase, options)) {
        results.push({ name: testCase.name, status: 'skipped' });
        continue;
      }
      await resetBackend(backend, options);
      try {
        await testCase.run(backend, options);
        results.push({ name: testCase.name, status: 'passed' });
      } catch (error) {
        results.push({ name: testCase.name, status: 'failed', error });
      }
    }
  } finally {
    await destroyBackend(backend, options);
  }
  return results;
}
