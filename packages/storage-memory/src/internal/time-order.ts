import { compareStrings } from './query/json-order.ts';

/** What a {@link TimeOrder} orders: a stored object or a tombstone. */
export interface Stamped {
  readonly id: string;
  readonly last_modified: number;
}

/** A pull cursor: the next entry in its direction, or `undefined` past the last one. */
export type Cursor<T> = () => T | undefined;

/**
 * The entries of one list ordered by (`last_modified`, `id` by code point), as the default sort needs
 * them: a sorted sequence of blocks of at most `2 × blockSize` entries (a one-level B-tree). Appending
 * a newer entry — what nearly every write does, timestamps increasing per list — is an amortised
 * O(1) push onto the last block; any other insertion or removal is O(log n + blockSize). A cursor is
 * placed in O(log n) and then moves in O(1) per entry, so a page costs about its size whatever the
 * list size. Entries are removed by identity (an object and its tombstone may share a key briefly).
 */
export interface TimeOrder<T extends Stamped> {
  /** The number of entries. */
  readonly size: number;
  insert(entry: T): void;
  /** Removes `entry` (by identity); `false` when it is not there. */
  remove(entry: T): boolean;
  /**
   * Entries by `last_modified` ascending (ties by `id` ascending), from the first one with
   * `last_modified` ≥ `from` (> `from` when `exclusive`); from the start without `from`.
   */
  ascending(from?: number, exclusive?: boolean): Cursor<T>;
  /**
   * Entries by `last_modified` descending — ties still by `id` ascending, the default sort's
   * tie-break — from the last one with `last_modified` ≤ `from` (< `from` when `exclusive`); from
   * the end without `from`.
   */
  descending(from?: number, exclusive?: boolean): Cursor<T>;
}

/** Block size of {@link createTimeOrder}: blocks hold 1 to 2 × this many entries. */
export const DEFAULT_BLOCK_SIZE = 256;

function compareKeys(a: Stamped, b: Stamped): number {
  if (a.last_modified !== b.last_modified) return a.last_modified < b.last_modified ? -1 : 1;
  return compareStrings(a.id, b.id);
}

/** The first index of `block` whose entry is not before `entry` (all are before: `block.length`). */
function lowerIndex<T extends Stamped>(block: readonly T[], entry: Stamped): number {
  let low = 0;
  let high = block.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareKeys(block[middle]!, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index of `block` whose `last_modified` is above `stamp` (≥ when `inclusive`). */
function stampIndex<T extends Stamped>(block: readonly T[], stamp: number, inclusive: boolean): number {
  let low = 0;
  let high = block.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = block[middle]!.last_modified;
    if (inclusive ? value < stamp : value <= stamp) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** An empty {@link TimeOrder}; `blockSize` only for tests (small blocks exercise splits and merges). */
export function createTimeOrder<T extends Stamped>(blockSize = DEFAULT_BLOCK_SIZE): TimeOrder<T> {
  const maxBlock = 2 * blockSize;
  const minBlock = Math.max(1, blockSize >> 2);
  let blocks: T[][] = [];
  let size = 0;

  /** The first block whose last entry is not before `entry` (`blocks.length` when none). */
  function blockOf(entry: Stamped): number {
    let low = 0;
    let high = blocks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const block = blocks[middle]!;
      if (compareKeys(block[block.length - 1]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The first block whose last `last_modified` is above `stamp` (≥ when `inclusive`). */
  function blockOfStamp(stamp: number, inclusive: boolean): number {
    let low = 0;
    let high = blocks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const block = blocks[middle]!;
      const value = block[block.length - 1]!.last_modified;
      if (inclusive ? value < stamp : value <= stamp) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Merges a small block into a neighbour when both fit in one block. */
  function rebalance(index: number): void {
    const block = blocks[index]!;
    if (block.length === 0) {
      blocks.splice(index, 1);
      return;
    }
    if (block.length >= minBlock || blocks.length === 1) return;
    const left = index > 0 ? blocks[index - 1]! : undefined;
    const right = index + 1 < blocks.length ? blocks[index + 1]! : undefined;
    if (left !== undefined && (right === undefined || left.length <= right.length)) {
      if (left.length + block.length <= maxBlock) {
        for (const entry of block) left.push(entry);
        blocks.splice(index, 1);
      }
    } else if (right !== undefined && right.length + block.length <= maxBlock) {
      blocks[index + 1] = block.concat(right);
      blocks.splice(index, 1);
    }
  }

  return {
    get size() {
      return size;
    },

    insert(entry) {
      size += 1;
      if (blocks.length === 0) {
        blocks = [[entry]];
        return;
      }
      const last = blocks[blocks.length - 1]!;
      let index: number;
      let block: T[];
      if (compareKeys(last[last.length - 1]!, entry) <= 0) {
        index = blocks.length - 1;
        block = last;
        block.push(entry);
      } else {
        index = Math.min(blockOf(entry), blocks.length - 1);
        block = blocks[index]!;
        block.splice(lowerIndex(block, entry), 0, entry);
      }
      if (block.length > maxBlock) blocks.splice(index + 1, 0, block.splice(blockSize));
    },

    remove(entry) {
      for (let index = blockOf(entry); index < blocks.length; index++) {
        const block = blocks[index]!;
        for (let at = lowerIndex(block, entry); at < block.length; at++) {
          const candidate = block[at]!;
          if (candidate === entry) {
            if (at === block.length - 1) block.pop();
            else block.splice(at, 1);
            size -= 1;
            rebalance(index);
            return true;
          }
          if (compareKeys(candidate, entry) !== 0) return false;
        }
      }
      return false;
    },

    ascending(from, exclusive = false) {
      let index = from === undefined ? 0 : blockOfStamp(from, !exclusive);
      let at =
        from === undefined || index >= blocks.length ? 0 : stampIndex(blocks[index]!, from, !exclusive);
      return () => {
        while (index < blocks.length) {
          const block = blocks[index]!;
          if (at < block.length) return block[at++];
          index += 1;
          at = 0;
        }
        return undefined;
      };
    },

    descending(from, exclusive = false) {
      // Position just after the last entry to return, then walk back; a run of equal timestamps is
      // gathered and handed out in reverse, so ties come by `id` ascending.
      let index: number;
      let at: number;
      if (from === undefined) {
        index = blocks.length - 1;
        at = index < 0 ? 0 : blocks[index]!.length;
      } else {
        index = blockOfStamp(from, exclusive);
        at = index >= blocks.length ? 0 : stampIndex(blocks[index]!, from, exclusive);
        if (index >= blocks.length) {
          index = blocks.length - 1;
          at = index < 0 ? 0 : blocks[index]!.length;
        }
      }
      const previous = (): T | undefined => {
        while (index >= 0) {
          if (at > 0) return blocks[index]![--at];
          index -= 1;
          if (index >= 0) at = blocks[index]!.length;
        }
        return undefined;
      };
      const peek = (): T | undefined => {
        if (index < 0) return undefined;
        if (at > 0) return blocks[index]![at - 1];
        for (let other = index - 1; other >= 0; other--) {
          const block = blocks[other]!;
          if (block.length > 0) return block[block.length - 1];
        }
        return undefined;
      };
      const ties: T[] = [];
      return () => {
        if (ties.length > 0) return ties.pop();
        const entry = previous();
        if (entry === undefined) return undefined;
        if (peek()?.last_modified !== entry.last_modified) return entry;
        ties.push(entry);
        while (peek()?.last_modified === entry.last_modified) ties.push(previous()!);
        return ties.pop();
      };
    },
  };
}
