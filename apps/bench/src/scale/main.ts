import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { AUTHORIZATION, RECORDS_PATH } from '../collection.ts';
import { currentEtag } from '../http.ts';
import { APP_DIR, kintoCli } from '../kinto-paths.ts';
import { describeMachine } from '../machine.ts';
import { repinSelf } from '../pinning.ts';
import { OneConnectionClient } from './client.ts';
import { parseScaleOptions, readerStride, SCALE_USAGE } from './options.ts';
import {
  type ProbeContext,
  readableCount,
  scaleProbes,
  selectiveN,
  WRITES_COLLECTION_PATH,
} from './probes.ts';
import { progressBar } from './progress.ts';
import { type ScaleReport, scaleMarkdown } from './report.ts';
import { runProbes } from './run-probes.ts';
import { seedScale } from './seed.ts';
import { checkSeededRecord, idOf } from './seed-check.ts';
import {
  createAccounts,
  READER_AUTHORIZATION,
  READER_PRINCIPAL,
  type ScaleServer,
  startScaleServer,
} from './server.ts';
import { checkScaleTargets, issue23Targets, scaleTargets } from './targets.ts';

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const repinned = repinSelf();
  if (repinned !== undefined) return repinned;
  const argv = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  const options = parseScaleOptions(argv, process.env);
  if (options === 'help') {
    log(SCALE_USAGE);
    return 0;
  }
  kintoCli(); // fails early when the dist is missing
  const started = performance.now();
  const machine = describeMachine();
  log(`pnpm bench:scale: ${JSON.stringify(options)}`);
  log(`load average at start: ${machine.loadAverageAtStart.join(' / ')}`);

  const stride = readerStride(options.readerPercent);
  const readable = readableCount(options.records, stride);
  const notes: string[] = [];
  let subject: ScaleServer | undefined;
  const clients: OneConnectionClient[] = [];
  // Interrupted (Ctrl-C, a killed pnpm): stop the server and drop the database all the same.
  const interrupted = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping the server${options.keep ? '' : ', dropping the database'}`);
    void (subject?.stop(options.keep) ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    subject = await startScaleServer(options.serverLog);
    const { origin } = subject.server;
    await createAccounts(origin);
    const bar = progressBar();
    await seedScale({
      url: subject.database.url,
      records: options.records,
      reader: { principal: READER_PRINCIPAL, stride },
      onProgress: bar.update,
    });
    const seedSeconds = bar.done() / 1000;
    log(`seeded ${options.records} records in ${seedSeconds.toFixed(1)} s`);

    const owner = new OneConnectionClient(origin, AUTHORIZATION);
    const reader = new OneConnectionClient(origin, READER_AUTHORIZATION);
    const anonymous = new OneConnectionClient(origin);
    clients.push(owner, reader, anonymous);
    const ownerN = Math.floor(options.records / 2);
    const readerN = stride * Math.floor(readable / 2);
    const context: ProbeContext = {
      records: options.records,
      readable,
      etag: await currentEtag(origin, RECORDS_PATH),
      ownerId: await idOf(subject.database.url, ownerN),
      readerId: await idOf(subject.database.url, readerN),
      selectiveN: selectiveN(options.records),
    };
    await checkSeededRecord(owner, context.ownerId, ownerN);
    const writes = await owner.send('PUT', WRITES_COLLECTION_PATH);
    if (writes.status !== 201) throw new Error(`PUT ${WRITES_COLLECTION_PATH} answered ${writes.status}`);

    const results = await runProbes(
      log,
      options,
      { owner, reader, anonymous },
      scaleProbes(options, context),
      notes,
    );
    for (const result of results) if (result.problem) notes.push(`${result.id}: ${result.problem}`);
    const report: ScaleReport = {
      machine,
      options,
      seeding: { records: options.records, readable, aces: options.records + readable, seconds: seedSeconds },
      results,
      targets: checkScaleTargets([...scaleTargets(options), ...issue23Targets(options)], results),
      notes,
      loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
      totalSeconds: (performance.now() - started) / 1000,
    };
    const markdown = scaleMarkdown(report);
    const folder = join(APP_DIR, 'results-scale');
    mkdirSync(folder, { recursive: true });
    const stamp = machine.date.replace(/[:.]/g, '-');
    writeFileSync(join(folder, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(folder, `${stamp}.md`), `${markdown}\n`);
    log(`\n${markdown}\nWritten: results-scale/${stamp}.json and results-scale/${stamp}.md`);
    if (options.keep) log(`Kept: database ${subject.database.url}, cache prefix ${subject.database.name}:`);
    return 0;
  } finally {
    for (const client of clients) client.close();
    await subject?.stop(options.keep);
  }
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
