import { describe, expect, it } from 'vitest';
import { estimatedProgramSize } from './pattern-size.ts';

describe('pattern size: an upper bound read before compiling (F-KIN-SCH-02)', () => {
  it('F-KIN-SCH-02 the estimated program size bounds counted repetitions before compiling', () => {
    expect(estimatedProgramSize('abc')).toBe(3);
    expect(estimatedProgramSize('^[0-9a-f]{8}$')).toBeLessThan(20);
    expect(estimatedProgramSize('.{1,1000}')).toBe(2_000); // RE2JS: 2,001
    expect(estimatedProgramSize('((a{10}){10}){10}')).toBe(1_221); // RE2JS: 1,222
    expect(estimatedProgramSize('(?:[ab]{100}){10}')).toBeGreaterThan(1_000);
    expect(estimatedProgramSize('[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}')).toBeGreaterThan(4_000);
    expect(estimatedProgramSize('(a|b|c)*')).toBeLessThan(10);
  });
});
