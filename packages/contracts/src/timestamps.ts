/** Outcome of one timestamp assignment in a list (see the rule in `StorageOperations`). */
export interface TimestampBump {
  /** The `last_modified` given to the object or tombstone. */
  readonly assigned: number;
  /** The list timestamp afterwards (never lower than before). */
  readonly listTimestamp: number;
}

/**
 * The contract's timestamp rule, for backend authors. `current` is the stored list timestamp
 * (`undefined` when none), `requested` a validated client value, `now` the wall clock in milliseconds.
 */
export function bumpTimestamp(
  current: number | undefined,
  requested: number | undefined,
  now: number,
): TimestampBump {
  const base = current ?? 0;
  if (requested === undefined) {
    const assigned = now > base ? now : base + 1;
    return { assigned, listTimestamp: assigned };
  }
  if (requested === base) return { assigned: base + 1, listTimestamp: base + 1 };
  if (requested > base) return { assigned: requested, listTimestamp: requested };
  return { assigned: requested, listTimestamp: base };
}

/** The requested timestamp carried by `data.last_modified`: only an integer counts. */
export function requestedFromData(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** The requested timestamp of a delete (`DeleteOptions.lastModified`): only a non-negative integer counts. */
export function requestedFromOption(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
