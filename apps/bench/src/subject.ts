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
