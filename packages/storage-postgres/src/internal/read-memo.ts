import type { Filter, ScopePattern } from '@core/contracts';

/**
 * Answers one transaction keeps for the reads it repeats — a batch of 25 creates asks 25 times
 * whether the caller may create in the collection and whether the collection exists — until one of
 * its own writes may change them. Other transactions' commits are not looked for: at READ COMMITTED
 * a repeated read may or may not see them, and an answer kept from earlier in the same transaction is
 * what it would have seen then.
 */
export interface ReadMemo {
  /** `checkPermission`: the answer of `principals` × `bound`, kept until an ACE of one of `objects` changes. */
  permission(key: string, objects: readonly string[], ask: () => Promise<boolean>): Promise<boolean>;
  /** `countAll`: kept until this transaction writes an object of `resource` (or of any, for `null`). */
  count(key: string, resource: string | null, ask: () => Promise<number>): Promise<number>;
  /** This transaction changed the ACEs of `objectId` (`undefined`: of objects it cannot name). */
  acesChanged(objectId: string | undefined): void;
  /** This transaction wrote objects of `resource` (`null`: of any resource). */
  objectsChanged(resource: string | null): void;
}

/** The memo key of a count. */
export function countKey(pattern: ScopePattern, filters: readonly Filter[] | undefined): string {
  return JSON.stringify([pattern.resource, pattern.parent, filters ?? []]);
}

/** A memo for one transaction. */
export function createReadMemo(): ReadMemo {
  const permissions = new Map<string, { objects: readonly string[]; answer: Promise<boolean> }>();
  const counts = new Map<string, { resource: string | null; answer: Promise<number> }>();
  // A failed read is asked again next time rather than kept.
  function remember<T, E extends { answer: Promise<T> }>(
    map: Map<string, E>,
    key: string,
    entry: E,
  ): Promise<T> {
    map.set(key, entry);
    entry.answer.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    return entry.answer;
  }
  return {
    permission(key, objects, ask) {
      return permissions.get(key)?.answer ?? remember(permissions, key, { objects, answer: ask() });
    },
    count(key, resource, ask) {
      return counts.get(key)?.answer ?? remember(counts, key, { resource, answer: ask() });
    },
    acesChanged(objectId) {
      for (const [key, entry] of permissions) {
        if (objectId === undefined || entry.objects.includes(objectId)) permissions.delete(key);
      }
    },
    objectsChanged(resource) {
      for (const [key, entry] of counts) {
        if (resource === null || entry.resource === null || entry.resource === resource) counts.delete(key);
      }
    },
  };
}
