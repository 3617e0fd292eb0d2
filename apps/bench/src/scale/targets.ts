import type { ScaleOptions } from './options.ts';
import { pageProbeId } from './probes.ts';

/** A probe's times over its repeats, milliseconds. */
export interface ProbeTimes {
  /** The client's wall time, request written → body read (one connection). */
  readonly wall: { readonly median: number; readonly min: number; readonly p90: number };
  /** `Server-Timing`'s spans: `total` (the request inside the server), `storage`, `permission`, `cache`. */
  readonly server: Readonly<Record<string, number>>;
}

/** One probe's outcome: its times, or why it has none. */
export interface ProbeResult {
  readonly id: string;
  readonly title: string;
  readonly actor: string;
  readonly method: string;
  /** The path measured (a deep page's token shortened). */
  readonly path: string;
  readonly times?: ProbeTimes;
  /** Why the probe was not measured, or what was wrong with an answer. */
  readonly problem?: string;
}

/** A target of the issues: a probe under a time, or under a multiple of another probe. */
export type ScaleTarget =
  | { readonly kind: 'under-ms'; readonly probe: string; readonly limitMs: number; readonly issue: string }
  | {
      readonly kind: 'within-factor';
      readonly probe: string;
      readonly reference: string;
      readonly factor: number;
      readonly issue: string;
    };

export interface ScaleTargetCheck {
  readonly target: ScaleTarget;
  readonly label: string;
  readonly value: string;
  /** `undefined` when a probe it needs was not measured. */
  readonly met: boolean | undefined;
}

/** The time a target judges: the server's own `total` when it sent one, else the client's wall time. */
export function judgedMs(times: ProbeTimes): number {
  return times.server.total ?? times.wall.median;
}

/**
 * Issue 11 item 4's targets: every deeper page within 1.5× page 1 (the reader's against the reader's
 * page 1), the indexed filters and the empty poll under 5 ms, the counts under 200 ms.
 */
export function scaleTargets(options: ScaleOptions): ScaleTarget[] {
  const issue = '#11';
  const deeper = (actor: 'owner' | 'reader', pages: readonly number[]): ScaleTarget[] =>
    pages
      .filter((page) => page > 1)
      .map((page) => ({
        kind: 'within-factor',
        probe: pageProbeId(actor, page),
        reference: pageProbeId(actor, 1),
        factor: 1.5,
        issue,
      }));
  return [
    ...deeper('owner', options.pages),
    { kind: 'under-ms', probe: 'filter-status', limitMs: 5, issue },
    { kind: 'under-ms', probe: 'filter-n', limitMs: 5, issue },
    { kind: 'under-ms', probe: 'poll', limitMs: 5, issue },
    { kind: 'under-ms', probe: 'count', limitMs: 200, issue },
    ...deeper('reader', options.readerPages),
    { kind: 'under-ms', probe: 'reader-count', limitMs: 200, issue },
  ];
}

/**
 * Issue 23's targets measured here: a DELETE within 2× a PATCH (items 2), the reader's pages within
 * 3× the owner's page 1 (item 3).
 */
export function issue23Targets(options: ScaleOptions): ScaleTarget[] {
  const issue = '#23';
  const readerPages = [1, ...options.readerPages.filter((page) => page > 1)];
  return [
    { kind: 'within-factor', probe: 'delete', reference: 'patch', factor: 2, issue },
    ...readerPages.map(
      (page): ScaleTarget => ({
        kind: 'within-factor',
        probe: pageProbeId('reader', page),
        reference: 'page-1',
        factor: 3,
        issue,
      }),
    ),
  ];
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

export function checkScaleTargets(
  targets: readonly ScaleTarget[],
  results: readonly ProbeResult[],
): ScaleTargetCheck[] {
  const times = (id: string) => {
    const found = results.find((result) => result.id === id);
    return found?.problem === undefined ? found?.times : undefined;
  };
  return targets.map((target) => {
    const probe = times(target.probe);
    if (target.kind === 'under-ms') {
      const label = `${target.probe} < ${target.limitMs} ms`;
      if (probe === undefined) return { target, label, value: 'n/a', met: undefined };
      const ms = judgedMs(probe);
      return { target, label, value: `${formatMs(ms)} ms`, met: ms < target.limitMs };
    }
    const label = `${target.probe} ≤ ${target.factor}× ${target.reference}`;
    const reference = times(target.reference);
    if (probe === undefined || reference === undefined)
      return { target, label, value: 'n/a', met: undefined };
    const ratio = judgedMs(probe) / judgedMs(reference);
    return {
      target,
      label,
      value: `${ratio.toFixed(2)}× (${formatMs(judgedMs(probe))} / ${formatMs(judgedMs(reference))} ms)`,
      met: ratio <= target.factor,
    };
  });
}
