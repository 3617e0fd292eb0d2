import type { Backend } from './options.ts';
import type { ServerProcess } from './server-process.ts';

/** This server or its floor, on one backend. */
export type SubjectKind = 'kinto' | 'floor';

export interface SubjectSpec {
  readonly kind: SubjectKind;
  readonly backend: Backend;
}

/** A subject up and seeded. */
export interface RunningSubject {
  readonly server: ServerProcess;
  /** Ids of the seeded records. */
  readonly ids: readonly string[];
  /** Stops the server and removes what the run created (database, cache keys, files). */
  stop(): Promise<void>;
}

export function subjectName(spec: SubjectSpec): string {
  return `${spec.kind === 'kinto' ? 'this server' : 'floor'} (${spec.backend})`;
}

/**
 * Launches a subject's server, then seeds it (`seed`); whatever fails stops the server if it started
 * and runs `cleanup`, which `stop()` runs too after stopping the server.
 */
export async function startSubject(options: {
  readonly ids: readonly string[];
  readonly launch: () => Promise<ServerProcess>;
  readonly seed?: (server: ServerProcess) => Promise<void>;
  readonly cleanup: () => Promise<void>;
}): Promise<RunningSubject> {
  let server: ServerProcess | undefined;
  try {
    server = await options.launch();
    await options.seed?.(server);
  } catch (error) {
    await server?.stop();
    await options.cleanup();
    throw error;
  }
  const running = server;
  return {
    server: running,
    ids: options.ids,
    async stop() {
      await running.stop();
      await options.cleanup();
    },
  };
}
