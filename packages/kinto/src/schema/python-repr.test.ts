import { describe, expect, it } from 'vitest';
import { pythonRepr } from './python-repr.ts';

describe('pythonRepr: values as Python’s repr shows them in Kinto’s messages (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 scalars, lists and dicts', () => {
    expect(pythonRepr(null)).toBe('None');
    expect(pythonRepr(true)).toBe('True');
    expect(pythonRepr(false)).toBe('False');
    expect(pythonRepr(3)).toBe('3');
    expect(pythonRepr([1, 'a', { b: null }])).toBe("[1, 'a', {'b': None}]");
    expect(pythonRepr({})).toBe('{}');
  });

  it('F-KIN-SCH-01 strings: quote choice and escapes', () => {
    expect(pythonRepr('hi!')).toBe("'hi!'");
    expect(pythonRepr("it's")).toBe('"it\'s"');
    expect(pythonRepr('say "hi"')).toBe('\'say "hi"\'');
    expect(pythonRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pythonRepr('a\\b\n\t\r')).toBe("'a\\\\b\\n\\t\\r'");
    expect(pythonRepr('\u0001\u007f\u00a0\u200b\u2028')).toBe("'\\x01\\x7f\\xa0\\u200b\\u2028'");
    expect(pythonRepr('é 😀 中')).toBe("'é 😀 中'");
    expect(pythonRepr('\ud800')).toBe("'\\ud800'");
  });

  it('F-KIN-SCH-01 floats use Python’s notation', () => {
    expect(pythonRepr(1.5)).toBe('1.5');
    expect(pythonRepr(0.0001)).toBe('0.0001');
    expect(pythonRepr(0.00001)).toBe('1e-05');
    expect(pythonRepr(-1.5e-7)).toBe('-1.5e-07');
    expect(pythonRepr(1e308)).toBe('1e+308');
    // Integral values print as ints (a JSON `2.0` is `2` once parsed; JSON.stringify writes 1.5e16 in full).
    expect(pythonRepr(1.5e16)).toBe('15000000000000000');
    expect(pythonRepr(123456.789)).toBe('123456.789');
  });
});
