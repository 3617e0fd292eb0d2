import { describe, expect, it } from 'vitest';
import { compareStrings } from './query/json-order.ts';
import { type Cursor, createTimeOrder, type Stamped } from './time-order.ts';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ascendingOrder = (a: Stamped, b: Stamped) =>
  a.last_modified - b.last_modified || compareStrings(a.id, b.id);
const descendingOrder = (a: Stamped, b: Stamped) =>
  b.last_modified - a.last_modified || compareStrings(a.id, b.id);

function drain<T>(cursor: Cursor<T>): T[] {
  const out: T[] = [];
  for (let entry = cursor(); entry !== undefined; entry = cursor()) out.push(entry);
  return out;
}

describe('createTimeOrder', () => {
  it('is empty at first', () => {
    const order = createTimeOrder<Stamped>();
    expect(order.size).toBe(0);
    expect(drain(order.ascending())).toEqual([]);
    expect(drain(order.descending())).toEqual([]);
    expect(drain(order.descending(5))).toEqual([]);
    expect(order.remove({ id: 'a', last_modified: 1 })).toBe(false);
  });

  it('orders ties by id ascending in both directions, by code point', () => {
    const order = createTimeOrder<Stamped>(2);
    const entries = [
      { id: 'b', last_modified: 2 },
      { id: '\u{1F600}', last_modified: 2 },
      { id: '\uFFFF', last_modified: 2 },
      { id: 'a', last_modified: 2 },
      { id: 'z', last_modified: 1 },
      { id: 'c', last_modified: 3 },
    ];
    for (const entry of entries) order.insert(entry);
    expect(drain(order.ascending()).map((e) => e.id)).toEqual(['z', 'a', 'b', '\uFFFF', '\u{1F600}', 'c']);
    expect(drain(order.descending()).map((e) => e.id)).toEqual(['c', 'a', 'b', '\uFFFF', '\u{1F600}', 'z']);
    expect(drain(order.descending(2)).map((e) => e.id)).toEqual(['a', 'b', '\uFFFF', '\u{1F600}', 'z']);
    expect(drain(order.descending(2, true)).map((e) => e.id)).toEqual(['z']);
    expect(drain(order.ascending(2, true)).map((e) => e.id)).toEqual(['c']);
  });

  it('removes by identity, not by key', () => {
    const order = createTimeOrder<Stamped>();
    const object = { id: 'a', last_modified: 1 };
    const tombstone = { id: 'a', last_modified: 1, deleted: true };
    order.insert(object);
    order.insert(tombstone);
    expect(order.remove({ id: 'a', last_modified: 1 })).toBe(false);
    expect(order.remove(object)).toBe(true);
    expect(drain(order.ascending())).toEqual([tombstone]);
    expect(order.remove(object)).toBe(false);
    expect(order.size).toBe(1);
  });

  // Random inserts (mostly appends, some in the past, many ties) and removals against a sorted array,
  // with blocks small enough to split and merge often.
  for (const blockSize of [1, 2, 4, 64]) {
    it(`agrees with a sorted array under random operations (block size ${blockSize})`, () => {
      const next = random(blockSize * 7 + 1);
      const order = createTimeOrder<Stamped>(blockSize);
      let model: Stamped[] = [];
      let clock = 0;
      for (let step = 0; step < 3_000; step++) {
        const roll = next();
        if (roll < 0.55 || model.length === 0) {
          const past = next() < 0.25;
          if (!past && next() >= 0.2) clock += 1;
          const last_modified = past ? Math.floor(next() * (clock + 1)) : clock;
          const entry = { id: `id${Math.floor(next() * 500)}`, last_modified };
          order.insert(entry);
          model.push(entry);
        } else {
          const victim = model[Math.floor(next() * model.length)]!;
          expect(order.remove(victim)).toBe(true);
          model = model.filter((entry) => entry !== victim);
        }
        expect(order.size).toBe(model.length);
        if (step % 97 === 0 || step === 2_999) {
          const up = [...model].sort(ascendingOrder);
          const down = [...model].sort(descendingOrder);
          // Entries tying on the whole key may come in any order: compare keys.
          const keys = (entries: Stamped[]) => entries.map((e) => `${e.last_modified}/${e.id}`);
          expect(keys(drain(order.ascending()))).toEqual(keys(up));
          expect(keys(drain(order.descending()))).toEqual(keys(down));
          for (const from of [-1, 0, Math.floor(clock / 2), clock, clock + 1]) {
            expect(keys(drain(order.ascending(from)))).toEqual(
              keys(up.filter((e) => e.last_modified >= from)),
            );
            expect(keys(drain(order.ascending(from, true)))).toEqual(
              keys(up.filter((e) => e.last_modified > from)),
            );
            expect(keys(drain(order.descending(from)))).toEqual(
              keys(down.filter((e) => e.last_modified <= from)),
            );
            expect(keys(drain(order.descending(from, true)))).toEqual(
              keys(down.filter((e) => e.last_modified < from)),
            );
          }
        }
      }
    });
  }
});
