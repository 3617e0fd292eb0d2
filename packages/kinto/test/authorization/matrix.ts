import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  expectationFor,
  instantiate,
  oracleRequest,
  type Phase,
  phaseOf,
  type Role,
  rolesFor,
  TARGETS,
  type Target,
  type Template,
  targetId,
  targetName,
  templatesOf,
} from './cells.ts';
import {
  type Answer,
  type BackendName,
  backendAvailable,
  differences,
  MismatchLog,
  Server,
} from './harness.ts';
import { defaultBucketId, type Expected, type KintoState, uris } from './kinto-rules.ts';
import {
  addTree,
  type Caller,
  callerName,
  HMAC_SECRET,
  planWorld,
  SHARED_ACCOUNTS,
  TEAM_BUCKET,
  TREES,
  treeName,
  USERS,
} from './world.ts';

// The authorization matrix on the real Kinto resources (createKintoApp): every target × request
// template × caller, the expectation computed by the oracle (kinto-rules.ts) from the world's
// description, never from the server. Reads run on the pristine world; writes the oracle refuses run
// next on the same world (anything wrongly granted is put back); writes it grants run last, each on
// a fresh copy of its tree or account; the root-list deletions close the run.

interface Row {
  readonly target: Target;
  readonly template: Template;
  readonly roles: Readonly<Record<Phase, readonly Role[]>>;
}

/** Splits every (target, template) row's callers by phase, from the oracle on the planned world. */
function planRows(): Row[] {
  const plan = planWorld();
  const rows: Row[] = [];
  for (const target of TARGETS) {
    if (process.env.AUTHZ_ONLY && !targetName(target).startsWith(process.env.AUTHZ_ONLY)) continue;
    for (const template of templatesOf(target)) {
      const roles: Record<Phase, Role[]> = { read: [], refused: [], granted: [] };
      for (const role of rolesFor(target)) {
        const caller = callerFor(role, target);
        const { path, body } = instantiate(template, targetId(target), 'plan');
        const { expected } = expectationFor(plan, oracleRequest(caller, template.method, path, body));
        roles[phaseOf(template, expected)].push(role);
      }
      rows.push({ target, template, roles });
    }
  }
  return rows;
}

const FEATURES: Readonly<Record<Phase, string>> = {
  read: 'F-PERM-02 F-PERM-04 F-PERM-05 F-PERM-06',
  refused: 'F-PERM-04 F-PERM-06',
  granted: 'F-PERM-01 F-PERM-04',
};

const PHASE_TITLES: Readonly<Record<Phase, string>> = {
  read: 'reads on the seeded world (objects, HEAD, parent and child lists, missing ids and parents)',
  refused: 'writes Kinto refuses (or that remove nothing), on the seeded world',
  granted: 'writes Kinto grants, each on a fresh copy of its tree or account',
};

/** The in_id filter limiting the root deletion to the seeded buckets. */
const SEEDED_BUCKETS = [
  ...TREES.map((tree) => tree.id),
  TEAM_BUCKET,
  ...(['alice', 'carol', 'dave'] as const).map((user) => defaultBucketId(HMAC_SECRET, `account:${user}`)),
];

async function sequentially<T>(items: readonly T[], run: (item: T) => Promise<string[]>): Promise<string[]> {
  const failures: string[] = [];
  for (const item of items) failures.push(...(await run(item)));
  return failures;
}

/** The matrix on one backend (a file per backend, so both run in parallel). */
export function defineMatrix(backend: BackendName): void {
  const rows = planRows();

  describe.skipIf(!backendAvailable(backend))(
    `authorization matrix on ${backend} (real Kinto resources)`,
    () => {
      let server: Server;
      const state: KintoState = planWorld();
      const log = new MismatchLog(backend);
      let counter = 0;

      beforeAll(async () => {
        server = await Server.start(backend);
        await server.seedWorld();
      }, 180_000);

      afterAll(async () => {
        log.flush();
        await server?.close();
      });

      /** Sends one cell as `caller`; its differences from `expected`, logged. */
      async function check(
        cell: string,
        caller: Caller,
        request: { method: string; path: string; body?: unknown },
        expected: Expected,
      ): Promise<{ answer: Answer; problems: string[] }> {
        const answer = await server.send(caller, request.method, request.path, {
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
        const problems = differences(expected, answer, request.method);
        if (problems.length > 0) log.add(cell, callerName(caller), expected, answer, problems);
        return { answer, problems };
      }

      /** A fresh copy of the target (same owner and grants), known to the oracle. */
      async function freshCopy(target: Target, n: number): Promise<Target> {
        if (target.kind === 'tree') {
          const tree = {
            id: `${treeName(target.tree)}-f${n}`,
            owner: target.tree.owner,
            grant: target.tree.grant,
          };
          await server.seedTree(tree);
          addTree(state, tree);
          return { kind: 'tree', tree };
        }
        if (target.kind === 'account') {
          const account = { id: `${target.account.id}-f${n}`, permissions: target.account.permissions };
          await server.createAccount(account);
          state.create('account', uris.account(account.id), {}, account.permissions, `account:${account.id}`);
          return { kind: 'account', account };
        }
        return target;
      }

      async function restore(target: Target): Promise<void> {
        if (target.kind === 'tree') await server.restoreTree(target.tree);
        if (target.kind === 'account') await server.restoreAccount(target.account);
      }

      /** Copies updated (PUT, PATCH) by a role: updates leave a copy as usable for the next update. */
      const updateCopies = new Map<string, Promise<Target>>();

      /** The target a granted write runs on: its own copy for a deletion, a shared one for updates. */
      function copyFor(row: Row, role: Role, n: number): Promise<Target> {
        if (row.template.method === 'DELETE') return freshCopy(row.target, n);
        const key = `${targetName(row.target)} ${role}`;
        const copy = updateCopies.get(key) ?? freshCopy(row.target, n);
        updateCopies.set(key, copy);
        return copy;
      }

      async function runCell(phase: Phase, row: Row, role: Role): Promise<string[]> {
        counter += 1;
        const target =
          phase === 'granted' && row.template.fresh ? await copyFor(row, role, counter) : row.target;
        const caller = callerFor(role, target);
        const { path, body } = instantiate(row.template, targetId(target), `${counter}`);
        const request = oracleRequest(caller, row.template.method, path, body);
        const { expected, apply } = expectationFor(state, request);
        const cell = `${targetName(row.target)} · ${row.template.label}`;
        const { answer, problems } = await check(cell, caller, request, expected);
        if (problems.length === 0) apply();
        else if (phase === 'refused' && answer.status < 400) await restore(row.target);
        return problems.map(
          (problem) => `as ${callerName(caller)}: ${row.template.method} ${path} → ${problem}`,
        );
      }

      for (const phase of ['read', 'refused', 'granted'] as const) {
        describe(PHASE_TITLES[phase], () => {
          for (const row of rows) {
            const roles = row.roles[phase];
            if (roles.length === 0) continue;
            it(`${FEATURES[phase]} ${targetName(row.target)} · ${row.template.label} · as ${roles.join(', ')}`, async () => {
              // Reads, and granted writes on their own copies, are independent: their callers go
              // together. Refused writes go one by one (a wrongly granted one is undone before the next).
              const failures =
                phase === 'refused'
                  ? await sequentially(roles, (role) => runCell(phase, row, role))
                  : (await Promise.all(roles.map((role) => runCell(phase, row, role)))).flat();
              expect(failures, failures.join('\n')).toEqual([]);
            });
          }
          if (phase !== 'granted') batchCases(phase);
        });
      }

      /** F-BATCH: the same cells wrapped in /batch answer as they do alone. */
      function batchCases(phase: Phase): void {
        const trees = ['bkt-read-group', 'col-read-all', 'rec-write-user', 'grp-write-auth'];
        for (const role of ['anonymous', 'bob', 'carol', 'dave'] as const) {
          it(`F-BATCH-02 ${FEATURES[phase]} /batch wraps the ${phase} cells of ${trees.join(', ')} · as ${role}`, async () => {
            const cells = rows
              .filter((row) => row.target.kind === 'tree' && trees.includes(row.target.tree.id))
              .filter((row) => row.roles[phase].includes(role) && row.template.method !== 'HEAD');
            const failures: string[] = [];
            for (let start = 0; start < cells.length; start += 25) {
              const chunk = cells.slice(start, start + 25).map((row) => {
                counter += 1;
                const { path, body } = instantiate(row.template, targetId(row.target), `${counter}`);
                const request = oracleRequest(role, row.template.method, path, body);
                return { row, request, expected: expectationFor(state, request).expected };
              });
              const requests = chunk.map(({ request }) => ({
                method: request.method,
                path: `/v1${request.path}`,
                ...(request.body !== undefined ? { body: request.body } : {}),
              }));
              const batch = await server.send(role, 'POST', '/batch', { body: { requests } });
              if (batch.status !== 200) {
                failures.push(`batch answered ${batch.status} ${JSON.stringify(batch.json)}`);
                continue;
              }
              const broken = new Set<Target>();
              chunk.forEach(({ row, request, expected }, index) => {
                const sub = batch.json.responses[index];
                const answer: Answer = {
                  status: sub.status,
                  headers: new Headers(sub.headers ?? {}),
                  json: sub.body,
                };
                const problems = differences(expected, answer, request.method);
                const cell = `batch ${targetName(row.target)} · ${row.template.label}`;
                if (problems.length > 0) log.add(cell, role, expected, answer, problems);
                if (problems.length > 0 && answer.status < 400) broken.add(row.target);
                failures.push(...problems.map((problem) => `${request.method} ${request.path} → ${problem}`));
              });
              for (const target of broken) await restore(target);
            }
            expect(failures, failures.join('\n')).toEqual([]);
          });
        }
      }

      /**
       * After a plural DELETE that removed other objects than expected, the oracle forgets what is
       * gone, so that the next callers' cells report their own differences, not this one's again.
       */
      function forgetDeleted(answer: Answer, plural: string): void {
        if (answer.status !== 200 || !Array.isArray(answer.json?.data)) return;
        for (const { id } of answer.json.data as { id: string }[]) state.remove(`${plural}/${id}`);
      }

      /** Each caller in turn sends `DELETE path` (one cell each); the oracle follows what is removed. */
      async function deleteInTurn(cell: string, path: string, plural: string, callers: readonly Caller[]) {
        const failures: string[] = [];
        for (const caller of callers) {
          const request = oracleRequest(caller, 'DELETE', path);
          const { expected, apply } = expectationFor(state, request);
          const { answer, problems } = await check(cell, caller, request, expected);
          if (problems.length === 0) apply();
          else forgetDeleted(answer, plural);
          failures.push(...problems.map((problem) => `as ${callerName(caller)}: ${problem}`));
        }
        expect(failures, failures.join('\n')).toEqual([]);
      }

      describe('plural deletes of the root lists (last: they remove what the other cells read)', () => {
        const order: Caller[] = ['anonymous', 'dave', 'carol', 'bob', 'alice'];
        it(`F-PERM-05 DELETE /buckets?in_id=<seeded buckets> removes only writable buckets · as ${order.join(', ')}`, () =>
          deleteInTurn(
            'root · DELETE /buckets?in_id=…',
            `/buckets?in_id=${SEEDED_BUCKETS.join(',')}`,
            '/buckets',
            order,
          ));

        const accountOrder: Caller[] = [
          'anonymous',
          ...USERS.filter((user) => user !== 'admin'),
          { account: SHARED_ACCOUNTS[1]!.id },
          'admin',
        ];
        it(`F-KIN-ACC-02 DELETE /accounts removes the caller's own account (an administrator's: all) · as ${accountOrder.map(callerName).join(', ')}`, () =>
          deleteInTurn('accounts · DELETE /accounts', '/accounts', '/accounts', accountOrder));
      });
    },
  );
}
