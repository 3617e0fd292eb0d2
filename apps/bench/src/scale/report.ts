import type { Machine } from '../machine.ts';
import { machineLine } from '../machine.ts';
import type { ScaleOptions } from './options.ts';
import type { ProbeResult, ScaleTargetCheck } from './targets.ts';

/** Everything one `pnpm bench:scale` run found. */
export interface ScaleReport {
  readonly machine: Machine;
  readonly options: ScaleOptions;
  readonly seeding: {
    readonly records: number;
    readonly readable: number;
    readonly aces: number;
    readonly seconds: number;
  };
  readonly results: readonly ProbeResult[];
  readonly targets: readonly ScaleTargetCheck[];
  readonly notes: readonly string[];
  readonly loadAverageAtEnd: readonly number[];
  readonly totalSeconds: number;
}

const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));

function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'n/a';
  return met ? 'met' : '**not met**';
}

function probeRow(result: ProbeResult): string {
  const times = result.times;
  const cells = times
    ? [
        ms(times.server.total),
        ms(times.server.storage),
        ms(times.server.permission),
        ms(times.wall.median),
        ms(times.wall.p90),
      ]
    : ['–', '–', '–', '–', '–'];
  const title = result.problem ? `${result.title} (${result.problem})` : result.title;
  return `| ${result.id} | ${title} | ${cells.join(' | ')} |`;
}

/** The run as Markdown: machine, data, one row per probe, the targets, notes. */
export function scaleMarkdown(report: ScaleReport): string {
  const { seeding } = report;
  const met = report.targets.filter((check) => check.met === true).length;
  const notMet = report.targets.filter((check) => check.met === false).length;
  const lines = [
    `## pnpm bench:scale, ${report.machine.date}`,
    '',
    `Machine: ${machineLine(report.machine)}; load average at end ${report.loadAverageAtEnd.join(' / ')}.`,
    `Options: ${JSON.stringify(report.options)}.`,
    `Data: ${seeding.records.toLocaleString('en-US')} records in one collection, ${seeding.aces.toLocaleString('en-US')} ACE rows ` +
      `(the reader may read ${seeding.readable.toLocaleString('en-US')}), seeded in ${seeding.seconds.toFixed(1)} s; ` +
      `whole run ${report.totalSeconds.toFixed(0)} s.`,
    '',
    `Medians of ${report.options.repeats} requests per probe, milliseconds, sent one at a time (one connection per ` +
      'account) in rounds: per round and probe an untimed request, then the timed one. *server* is the ' +
      "server's `Server-Timing` (`total`, and the time inside the storage and permission backends); " +
      '*client* is the wall time seen here, request written → body read. Targets judge *server total*.',
    '',
    '| Probe | Request | server total | storage | permission | client median | client p90 |',
    '|---|---|--:|--:|--:|--:|--:|',
    ...report.results.map(probeRow),
    '',
    `### Targets: ${met} met, ${notMet} not met`,
    '',
    '| Target | Issue | Value | |',
    '|---|---|--:|---|',
    ...report.targets.map(
      (check) => `| ${check.label} | ${check.target.issue} | ${check.value} | ${verdict(check.met)} |`,
    ),
    '',
  ];
  if (report.notes.length > 0) lines.push('### Notes', '', ...report.notes.map((note) => `- ${note}`), '');
  return lines.join('\n');
}
