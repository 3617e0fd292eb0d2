/**
 * Conversions of setting values given as text (INI files, environment variables) to their typed
 * form. Each returns its input unchanged when it cannot convert it, so that validation reports the
 * original value.
 */

const NULL_LITERALS: ReadonlySet<string> = new Set(['', 'None', 'none', 'null']);
// Pyramid's `asbool` truthy/falsy words, plus 1/0.
const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'on', '1', 't', 'y']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', 'off', '0', 'f', 'n']);
const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const LIST_SEPARATORS = /[\s,]+/;

/** Whether a value means "no value": `null`, `undefined`, or the text `''`, `None`, `none`, `null`. */
export function isNullLiteral(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && NULL_LITERALS.has(value.trim()))
  );
}

/** `true/yes/on/1/t/y` → true, `false/no/off/0/f/n` → false (any case); numbers 1 and 0 too. */
export function toBoolean(value: unknown): unknown {
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : value;
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return value;
}

/** Decimal integer text (`'25'`, `'-1'`) → number. */
export function toInteger(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return INTEGER_TEXT.test(text) ? Number(text) : value;
}

/** Decimal number text (`'2.5'`, `'10'`, `'1e3'`) → number. */
export function toNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return NUMBER_TEXT.test(text) ? Number(text) : value;
}

/**
 * A list of strings: a JSON array text, or words separated by spaces, commas or new lines
 * (`'a b,c'` → `['a', 'b', 'c']`, `''` → `[]`). Arrays are returned as they are.
 */
export function toList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  return text === '' ? [] : text.split(LIST_SEPARATORS).filter((word) => word !== '');
}

/** Text as it is, except a JSON string literal (`'"a b"'` → `a b`); numbers and booleans → text. */
export function toText(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
