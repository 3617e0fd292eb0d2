/** An entry being ordered: its key and its position in the input (the last tie-break, for stability). */
export interface Ranked<T, K> {
  readonly item: T;
  readonly key: K;
  readonly index: number;
}

type Compare<K> = (a: K, b: K) => number;

function rankedCompare<T, K>(compare: Compare<K>): (a: Ranked<T, K>, b: Ranked<T, K>) => number {
  return (a, b) => compare(a.key, b.key) || a.index - b.index;
}

function siftDown<E>(heap: E[], start: number, before: (a: E, b: E) => number): void {
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) return;
    const right = left + 1;
    // Max-heap in the requested order: the root is the entry that comes last.
    const child = right < heap.length && before(heap[right]!, heap[left]!) > 0 ? right : left;
    if (before(heap[child]!, heap[i]!) <= 0) return;
    [heap[i], heap[child]] = [heap[child]!, heap[i]!];
    i = child;
  }
}

function siftUp<E>(heap: E[], start: number, before: (a: E, b: E) => number): void {
  let i = start;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (before(heap[i]!, heap[parent]!) <= 0) return;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

/**
 * The first `limit` entries in order, stable (input position breaks full ties). Small limits over
 * large inputs keep a bounded heap (O(n log k)) instead of sorting everything.
 */
export function firstInOrder<T, K>(
  entries: Ranked<T, K>[],
  compare: Compare<K>,
  limit?: number,
): Ranked<T, K>[] {
  const order = rankedCompare<T, K>(compare);
  if (limit === undefined || limit >= entries.length || limit * 8 > entries.length) {
    entries.sort(order);
    return limit === undefined || limit >= entries.length ? entries : entries.slice(0, limit);
  }
  if (limit <= 0) return [];
  const heap: Ranked<T, K>[] = [];
  for (const entry of entries) {
    if (heap.length < limit) {
      heap.push(entry);
      siftUp(heap, heap.length - 1, order);
    } else if (order(entry, heap[0]!) < 0) {
      heap[0] = entry;
      siftDown(heap, 0, order);
    }
  }
  return heap.sort(order);
}
