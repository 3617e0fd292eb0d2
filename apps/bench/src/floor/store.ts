/** A stored record: its fields plus `id` and `last_modified`. */
export type StoredRecord = Record<string, unknown> & { readonly id: string; readonly last_modified: number };

/** A listing request: newest first (`-last_modified`), `eq` filters on data fields, `_since`. */
export interface ListQuery {
  readonly limit: number;
  readonly since?: number;
  readonly filters: readonly (readonly [field: string, value: string | number | boolean])[];
}

export interface ListPage {
  /** The collection timestamp (its ETag). */
  readonly timestamp: number;
  readonly records: readonly StoredRecord[];
  /** More records match past this page (a `Next-Page` header is due). */
  readonly more: boolean;
}

/** What a floor keeps: the one benchmark collection. */
export interface FloorStore {
  get(id: string): Promise<StoredRecord | undefined>;
  list(query: ListQuery): Promise<ListPage>;
  /** Creates the records in one transaction, timestamps increasing; returns them stored. */
  create(bodies: readonly Record<string, unknown>[]): Promise<StoredRecord[]>;
}
