import type { KeysetCursor, Sort } from '@core/contracts';
import { compareSortable, type SortKey, sortableValue } from './sorting.ts';

/** Tests whether a candidate's sort key lies strictly after the cursor. */
export type AfterTest = (key: SortKey) => boolean;

/**
 * Compiles a keyset cursor against the effective criteria (appended `id` included). Cursor keys are
 * the dotted paths as given; an absent key is the "missing" rank. The appended `id` tie-break takes
 * part only when the cursor carries `id`: without it, objects tying with the cursor on every
 * requested criterion are not "after" it.
 */
export function compileAfter(criteria: readonly Sort[], requested: number, cursor: KeysetCursor): AfterTest {
  const used = Object.hasOwn(cursor, 'id') ? criteria.length : requested;
  const values = criteria
    .slice(0, used)
    .map((c) => (Object.hasOwn(cursor, c.field) ? sortableValue(cursor[c.field]) : undefined));
  const signs = criteria.slice(0, used).map((c) => (c.direction === 'desc' ? -1 : 1));
  return (key) => {
    for (let i = 0; i < used; i++) {
      const order = compareSortable(key[i], values[i]);
      if (order !== 0) return order * signs[i]! > 0;
    }
    return false;
  };
}
