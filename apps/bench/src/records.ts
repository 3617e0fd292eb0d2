/** A record of the benchmark collection (what a client sends; the server adds `last_modified`). */
export interface TaskRecord {
  readonly id?: string;
  readonly title: string;
  readonly status: 'todo' | 'doing' | 'done';
  readonly n: number;
  readonly tags: readonly string[];
}

const STATUSES = ['todo', 'doing', 'done'] as const;
const TAGS = ['home', 'work', 'urgent', 'later', 'errand'] as const;

/** The `i`-th record: statuses in turn (a third are `done`), one or two tags. */
export function taskRecord(i: number, id?: string): TaskRecord {
  const tags =
    i % 2 === 0 ? [TAGS[i % TAGS.length]!] : [TAGS[i % TAGS.length]!, TAGS[(i + 2) % TAGS.length]!];
  return {
    ...(id === undefined ? {} : { id }),
    title: `Task number ${i}`,
    status: STATUSES[i % STATUSES.length]!,
    n: i,
    tags,
  };
}

/** `count` records with fresh UUIDs. */
export function seedRecords(count: number): TaskRecord[] {
  return Array.from({ length: count }, (_, i) => taskRecord(i, crypto.randomUUID()));
}
