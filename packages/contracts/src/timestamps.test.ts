import { describe, expect, it } from 'vitest';
import { bumpTimestamp, requestedFromData, requestedFromOption } from './timestamps.ts';

describe('the timestamp rule', () => {
  it('F-TK-TS without a requested value: now, or the list timestamp + 1 when the clock has not advanced', () => {
    expect(bumpTimestamp(undefined, undefined, 1000)).toEqual({ assigned: 1000, listTimestamp: 1000 });
    expect(bumpTimestamp(1000, undefined, 1000)).toEqual({ assigned: 1001, listTimestamp: 1001 });
    expect(bumpTimestamp(1500, undefined, 1000)).toEqual({ assigned: 1501, listTimestamp: 1501 });
  });

  it('F-TS-04 a requested value: equal → +1, greater → taken, smaller → kept without bumping the list', () => {
    expect(bumpTimestamp(1000, 1000, 5)).toEqual({ assigned: 1001, listTimestamp: 1001 });
    expect(bumpTimestamp(1000, 2000, 5)).toEqual({ assigned: 2000, listTimestamp: 2000 });
    expect(bumpTimestamp(1000, 10, 5)).toEqual({ assigned: 10, listTimestamp: 1000 });
  });

  it('F-TS-04 only integers are requested values; deletes also need them non-negative', () => {
    expect(requestedFromData(5)).toBe(5);
    expect(requestedFromData('5')).toBeUndefined();
    expect(requestedFromData(1.5)).toBeUndefined();
    expect(requestedFromOption(-1)).toBeUndefined();
    expect(requestedFromOption(0)).toBe(0);
  });
});
