import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { RECORDS_PATH } from './collection.ts';
import { startFloorSubject } from './floor-subject.ts';
import { currentEtag } from './http.ts';
import { APP_DIR, kintoCli } from './kinto-paths.ts';
import { startKintoSubject } from './kinto-subject.ts';
import { describeMachine } from './machine.ts';
import { parseOptions, USAGE } from './options.ts';
import { repinSelf } from './pinning.ts';
import { seedRecords } from './records.ts';
import { type BenchReport, markdownReport } from './report.ts';
import { runWorkloads } from './runner.ts';
import { measureStartup, type StartupResult } from './startup.ts';
import type { SubjectKind } from './subject.ts';
import { subjectName } from './subject.ts';
import { checkTargets, type Measurement } from './targets.ts';

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const repinned = repinSelf();
  if (repinned !== undefined) return repinned;
  // `pnpm bench -- --duration 3` may hand over the `--` separator itself.
  const argv = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  const options = parseOptions(argv, process.env);
  if (options === 'help') {
    log(USAGE);
    return 0;
  }
  kintoCli(); // fails early when the dist is missing
  const machine = describeMachine();
  log(`pnpm bench: ${JSON.stringify(options)}`);
  log(`load average at start: ${machine.loadAverageAtStart.join(' / ')}`);

  const startup: StartupResult[] = [];
  if (options.startup) {
    for (const backend of options.backends) {
      const result = await measureStartup(backend);
      startup.push(result);
      log(`start-up ${backend}: ready ${result.readyMs.join(', ')} ms; RSS ${result.rssMiB.join(', ')} MiB`);
    }
  }

  const records = seedRecords(options.records);
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  for (const backend of options.backends) {
    for (const kind of ['floor', 'kinto'] as SubjectKind[]) {
      const spec = { kind, backend };
      log(`${subjectName(spec)}: seeding ${records.length} records`);
      const subject =
        kind === 'kinto'
          ? await startKintoSubject(backend, records, options.serverLog)
          : await startFloorSubject(backend, records, options.floorFilters);
      try {
        const context = async () => ({
          ids: subject.ids,
          etag: await currentEtag(subject.server.origin, RECORDS_PATH),
        });
        const run = await runWorkloads(subject.server.origin, spec, options, context, log);
        measurements.push(...run.measurements);
        notes.push(...run.notes);
      } finally {
        await subject.stop();
      }
    }
  }

  const report: BenchReport = {
    machine,
    options: { ...options },
    measurements,
    targets: checkTargets(measurements, options.workloads),
    startup,
    notes,
    loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
  };
  const markdown = markdownReport(report);
  const folder = join(APP_DIR, 'results');
  mkdirSync(folder, { recursive: true });
  const stamp = machine.date.replace(/[:.]/g, '-');
  writeFileSync(join(folder, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(folder, `${stamp}.md`), `${markdown}\n`);
  log(`\n${markdown}\nWritten: results/${stamp}.json and results/${stamp}.md`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
