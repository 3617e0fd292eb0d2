import type { JsonValue } from '@core/contracts';

// Characters Python's str.isprintable() rejects (other than the space): repr escapes them.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
// Anything that may need escaping or decides the quote; most strings have none and are copied whole.
const MAY_ESCAPE = /[\\'"\p{C}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapedCodePoint(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** A string the way Python's `repr` shows it: single quotes unless it holds `'` and no `"`. */
function stringRepr(value: string): string {
  if (!MAY_ESCAPE.test(value)) return `'${value}'`;
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    const simple = SIMPLE_ESCAPES[char];
    if (simple !== undefined) out += simple;
    else if (char === quote) out += `\\${quote}`;
    else if (char !== ' ' && NOT_PRINTABLE.test(char)) out += escapedCodePoint(char.codePointAt(0)!);
    else out += char;
  }
  return out + quote;
}

/**
 * A number the way Python's `repr` shows it. JSON integers and floats are both `number` here, so an
 * integral value prints as an int (`1`, where Python shows `1.0` for a JSON `1.0`); other values use
 * Python's float notation (`1e-05`, `1.5e+16`), exponents past [-4, 16).
 */
function numberRepr(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** A value the way Python's `repr` shows it, as Kinto's validation messages do (`'hi!'`, `True`, `None`). */
export function pythonRepr(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return stringRepr(value);
  if (typeof value === 'number') return numberRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${stringRepr(key)}: ${pythonRepr(item)}`)
    .join(', ')}}`;
}
