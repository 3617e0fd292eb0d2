import { describe, expect, it } from 'vitest';
import { prng } from '../testing/prng.ts';
import { nativeValue } from './json-value.ts';

/** What `nativeValue` must answer: JSON.parse when it succeeds (and is safe), else the string. */
function reference(raw: string): unknown {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Number.isFinite(parsed) || typeof parsed !== 'number' ? parsed : raw;
  } catch {
    return raw;
  }
}

const PIECES = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  't',
  'true',
  'false',
  'null',
  'nul',
  'f',
  'done',
  '1',
  '-',
  '0',
  '.5',
  'e3',
  '"',
  'a',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"k"',
  'é',
  'T',
  'NaN',
  'Infinity',
  '+1',
];

describe('nativeValue', () => {
  it('F-QRY-01 answers as parsing the value as JSON, else keeping the string', () => {
    const fixed = [
      'done',
      'todo',
      'true',
      ' false\n',
      'null',
      'nullx',
      'tru',
      '12',
      '-3.5',
      '1e400',
      '"x"',
      '[1,2]',
      '{"a":1}',
      '',
      ' ',
      '\u00a0true',
      'True',
      'NaN',
      '+1',
      '.5',
    ];
    for (const raw of fixed) expect(nativeValue(raw), JSON.stringify(raw)).toEqual(reference(raw));
    const random = prng(11);
    for (let i = 0; i < 5000; i++) {
      let raw = '';
      const length = Math.floor(random() * 5);
      for (let j = 0; j < length; j++) raw += PIECES[Math.floor(random() * PIECES.length)];
      expect(nativeValue(raw), JSON.stringify(raw)).toEqual(reference(raw));
    }
  });
});
