import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { AUTHORIZATION, RECORDS_PARENT, RECORDS_PATH } from '../collection.ts';
import { currentEtag } from '../http.ts';
import { APP_DIR, kintoCli } from '../kinto-paths.ts';
import { describeMachine } from '../machine.ts';
import { repinSelf } from '../pinning.ts';
import { taskRecord } from '../records.ts';
import { OneConnectionClient } from './client.ts';
import { measureInRounds, type PlannedProbe } from './measure.ts';
import { parseScaleOptions, readerStride, SCALE_USAGE, type ScaleOptions } from './options.ts';
import {
  type Actor,
  type Probe,
  type ProbeContext,
  readableCount,
  scaleProbes,
  selectiveN,
} from './probes.ts';
import { progressBar } from './progress.ts';
import { type ScaleReport, scaleMarkdown } from './report.ts';
import { seedScale } from './seed.ts';
import {
  createAccounts,
  READER_AUTHORIZATION,
  READER_PRINCIPAL,
  type ScaleServer,
  startScaleServer,
} from './server.ts';
import { checkScaleTargets, type ProbeResult, scaleTargets } from './targets.ts';
import { walkToPage } from './walk.ts';

const log = (line: string) => console.log(line);

/** The id of the record whose `n` is `n` (the seed draws ids at random). */
async function idOf(url: string, n: number): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe(
      `SELECT id FROM objects WHERE resource_name = 'record' AND parent_id = $1 AND data @> $2::text::jsonb`,
      [RECORDS_PARENT, JSON.stringify({ n })],
    );
    if (row === undefined) throw new Error(`no record with n = ${n}`);
    return row.id as string;
  } finally {
    await sql.end();
  }
}

/** The seeded record read over HTTP must be `taskRecord(n)`: the SQL seed stores what a POST would. */
async function checkSeededRecord(client: OneConnectionClient, id: string, n: number): Promise<void> {
  const response = await client.send('GET', `${RECORDS_PATH}/${id}`);
  const { data } = JSON.parse(response.body) as { data: Record<string, unknown> };
  const { id: _id, last_modified: _lm, ...fields } = data;
  const expected = taskRecord(n);
  // jsonb keeps keys in its own order: compare with sorted keys.
  const sorted = (value: object) => JSON.stringify(Object.fromEntries(Object.entries(value).sort()));
  if (sorted(fields) !== sorted(expected)) {
    throw new Error(
      `seeded record ${id} reads ${JSON.stringify(fields)}, expected ${JSON.stringify(expected)}`,
    );
  }
}

async function runProbes(
  options: ScaleOptions,
  clients: Record<Actor, OneConnectionClient>,
  probes: readonly Probe[],
  notes: string[],
): Promise<ProbeResult[]> {
  const planned: PlannedProbe[] = [];
  const unreachable = new Map<string, string>();
  for (const probe of probes) {
    const client = clients[probe.actor];
    if ('path' in probe.target) {
      planned.push({ client, probe, path: probe.target.path });
      continue;
    }
    const walked = await walkToPage(client, probe.target.page, options.pageSize, options.walkLimit);
    if (walked === undefined) {
      unreachable.set(probe.id, 'the list ends before this page');
      continue;
    }
    if (walked.requests > 0) {
      notes.push(
        `${probe.id}: reached in ${walked.requests} requests of \`_limit=${options.walkLimit}\` following Next-Page (${walked.seconds.toFixed(1)} s)`,
      );
    }
    planned.push({ client, probe, path: walked.path });
  }
  const bar = progressBar();
  const outcomes = await measureInRounds(planned, options.repeats, (round) =>
    bar.update(round, options.repeats, 'rounds of probes'),
  );
  bar.done();
  return probes.map((probe) => {
    const base = { id: probe.id, title: probe.title, actor: probe.actor, method: probe.method };
    const index = planned.findIndex((entry) => entry.probe === probe);
    if (index < 0) return { ...base, path: RECORDS_PATH, problem: unreachable.get(probe.id)! };
    const outcome = outcomes[index]!;
    const result = { ...base, path: planned[index]!.path.replace(/_token=[^&]+/, '_token=…'), ...outcome };
    log(
      'times' in outcome
        ? `  ${probe.id}: server ${outcome.times.server.total ?? '–'} ms, client ${outcome.times.wall.median} ms`
        : `  ${probe.id}: ${outcome.problem}`,
    );
    return result;
  });
}

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

    const results = await runProbes(
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
      targets: checkScaleTargets(scaleTargets(options), results),
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
